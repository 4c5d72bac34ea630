#!/usr/bin/env node
// Build step (npm run build, after tsc): bundles the entry points with esbuild, because Node spends most
// of a short-lived process loading modules one file at a time (the CLI ~300 files with @oclif/core, a
// broker ~170). Measured on the 2-core machine: see bench `startup` rows and README "Start-up".
//
//   dist/bundle/cli/       the CLI: @oclif/core, every command (an explicit command table generated here
//                          from src/commands/, so a new command file needs no registration) and, split
//                          into chunks loaded on demand, what each command imports lazily.
//   dist/bundle/runtime/   mqbroker.js and mqnamesrv.js, one file each (no shared chunks: a node reads
//                          exactly one file).
//
// The bundles are built from the TypeScript sources. bin/*.js use a bundle only while it is newer than
// every source file it was built from (listed in dist/bundle/*/inputs.json); after an edit that only
// tsc has compiled (ava's own compile step), they fall back to dist/ and stay correct, only slower.
// Both folders sit three levels below the package root, like dist/src/<area>/, so code that finds
// bin/ or templates/ relative to its own file (import.meta.url) finds them from a bundle too.
import * as esbuild from 'esbuild'
import fs from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const out = path.join(root, 'dist/bundle')

// ESM output: CommonJS dependencies (@oclif/core is CommonJS) call require() for node built-ins.
const banner = {js: "import {createRequire as __mqlabCreateRequire} from 'node:module'; const require = __mqlabCreateRequire(import.meta.url);"}
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  banner,
  metafile: true,
  logLevel: 'warning',
  legalComments: 'none',
  minifyWhitespace: true,
  minifySyntax: true,
  keepNames: false,
  tsconfig: path.join(root, 'tsconfig.json'),
}

/** oclif hooks (src/cli/hooks/*.ts) as entries hooks/<name>, beside the commands. */
function hookEntries() {
  const dir = path.join(root, 'src/cli/hooks')
  if (!fs.existsSync(dir)) return {}
  return Object.fromEntries(
    fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => [`hooks/${f.slice(0, -3)}`, path.join('src/cli/hooks', f)]),
  )
}

/** package.json's hook paths (./dist/src/cli/hooks/x.js) as the bundle's (./hooks/x.js); bundled-main.ts does the same. */
function bundledHooks(hooks = {}) {
  return Object.fromEntries(Object.entries(hooks).map(([event, file]) => [event, String(file).replace(/^\.\/dist\/src\/cli\/hooks\//, './hooks/')]))
}

/** One esbuild entry per command file: commands/topic/create → src/commands/topic/create.ts. */
function commandEntries() {
  const dir = path.join(root, 'src/commands')
  const files = fs
    .readdirSync(dir, {recursive: true})
    .map(String)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
  return Object.fromEntries(files.map((f) => [`commands/${f.slice(0, -3)}`, path.join('src/commands', f)]))
}

/** Source files a bundle was built from (relative to the package root), node_modules left out. */
function writeInputs(dir, metafile) {
  const inputs = Object.keys(metafile.inputs).filter((p) => !p.includes('node_modules') && !p.startsWith('<') && fs.existsSync(path.join(root, p)))
  fs.writeFileSync(path.join(dir, 'inputs.json'), `${JSON.stringify(inputs.sort())}\n`)
}

fs.rmSync(out, {recursive: true, force: true})

const cliDir = path.join(out, 'cli')
const cli = await esbuild.build({
  ...common,
  absWorkingDir: root,
  // oclif: @oclif/core itself as an entry, for writing the manifest below with the bundle's own copy.
  entryPoints: {main: 'src/cli/bundled-main.ts', oclif: 'mqlab:oclif', ...commandEntries(), ...hookEntries()},
  outdir: cliDir,
  splitting: true,
  // Only oclif's ts-node support (NODE_ENV=development) requires it; 10 MB the CLI never runs.
  external: ['typescript'],
  chunkNames: 'chunks/[hash]',
  plugins: [
    {
      name: 'mqlab-oclif',
      setup(build) {
        build.onResolve({filter: /^mqlab:oclif$/}, () => ({path: 'oclif', namespace: 'mqlab'}))
        build.onLoad({filter: /.*/, namespace: 'mqlab'}, () => ({
          contents: "import {Config} from '@oclif/core'\nexport {Config}",
          resolveDir: root,
          loader: 'js',
        }))
      },
    },
  ],
})
writeInputs(cliDir, cli.metafile)

// oclif's manifest, beside the bundled commands (the bundle folder is the oclif root of bundled-main.ts):
// with it, oclif imports only the command that runs. It lives here, not at the package root, so the
// unbundled fallback never reads a manifest older than its commands.
const {Config} = await import(path.join(cliDir, 'oclif.js'))
const pjson = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'))
pjson.oclif = {...pjson.oclif, commands: './commands', hooks: bundledHooks(pjson.oclif.hooks)}
const config = await Config.load({root: cliDir, pjson})
const manifest = config.plugins.get(pjson.name).manifest
if (Object.keys(manifest.commands).length !== Object.keys(commandEntries()).length) throw new Error('the oclif manifest misses commands')
fs.writeFileSync(path.join(cliDir, 'oclif.manifest.json'), `${JSON.stringify(manifest)}\n`)

const runtimeDir = path.join(out, 'runtime')
const runtime = await esbuild.build({
  ...common,
  absWorkingDir: root,
  entryPoints: {mqbroker: 'runtime/main/broker-main.ts', mqnamesrv: 'runtime/main/namesrv-main.ts'},
  outdir: runtimeDir,
})
writeInputs(runtimeDir, runtime.metafile)
await import('./build-dashboard.js')
