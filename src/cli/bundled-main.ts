/**
 * The CLI's entry inside the esbuild bundle (scripts/build-bundles.js); bin/run.js imports it while the
 * bundle is fresh. It is oclif's execute() with the bundle folder as oclif's root: commands are the
 * bundled files in dist/bundle/cli/commands/, listed in the oclif manifest written there at build time,
 * so oclif imports only the command that runs, and oclif and that command share the bundle's one copy
 * of @oclif/core. package.json is still the package's own (name, version, bin, plugins, exit codes).
 */
import {execute} from '@oclif/core'
import fs from 'node:fs'
import {fileURLToPath} from 'node:url'

// This file runs as dist/bundle/cli/main.js, three levels below the package root.
const bundleRoot = fileURLToPath(new URL('./', import.meta.url))
const pjson = JSON.parse(fs.readFileSync(fileURLToPath(new URL('../../../package.json', import.meta.url)), 'utf8'))
// Hooks are bundled beside the commands too (hooks/<name>.js; scripts/build-bundles.js).
const hooks = Object.fromEntries(
  Object.entries((pjson.oclif.hooks ?? {}) as Record<string, string>).map(([event, file]) => [event, file.replace(/^\.\/dist\/src\/cli\/hooks\//, './hooks/')]),
)
pjson.oclif = {...pjson.oclif, commands: './commands', hooks}
await execute({loadOptions: {root: bundleRoot, pjson}})
