#!/usr/bin/env node
// The mqlab CLI. Kept tiny: the root help (`mqlab`, `mqlab --help`) is printed from dist/root-help.txt,
// rendered by oclif at build time (scripts/build-root-help.js), as long as that file is newer than
// package.json and every compiled command; anything else, or a stale file, goes through oclif: the
// esbuild bundle (dist/bundle/cli, one file per command plus shared chunks, with an oclif manifest)
// while it is newer than its sources and package.json, else oclif on the tsc output in dist/.
import fs from 'node:fs'
import {bundleIsFresh} from './bundle-freshness.js'

const args = process.argv.slice(2)
// Exactly the argv for which oclif prints the root help (it has no `help` command or `-h` here).
const wantsRootHelp = args.length === 0 || (args.length === 1 && args[0] === '--help')
if (!(wantsRootHelp && printBuiltRootHelp())) {
  if (bundleIsFresh('cli', ['package.json'])) {
    await import('../dist/bundle/cli/main.js')
  } else {
    const {execute} = await import('@oclif/core')
    await execute({dir: import.meta.url})
  }
}

function printBuiltRootHelp() {
  if (process.env.MQLAB_NO_HELP_CACHE) return false
  try {
    const helpFile = new URL('../dist/root-help.txt', import.meta.url)
    const pkgFile = new URL('../package.json', import.meta.url)
    const commands = new URL('../dist/src/commands/', import.meta.url)
    const built = fs.statSync(helpFile).mtimeMs
    const inputs = [pkgFile, commands, ...fs.readdirSync(commands, {recursive: true}).map((f) => new URL(String(f), commands))]
    if (inputs.some((f) => fs.statSync(f).mtimeMs > built)) return false
    const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'))
    const userAgent = `${pkg.name}/${pkg.version} ${process.platform}-${process.arch} node-${process.version}`
    process.stdout.write(fs.readFileSync(helpFile, 'utf8').replaceAll('{{userAgent}}', userAgent))
    return true
  } catch {
    return false
  }
}
