#!/usr/bin/env node
// Build step (npm run build): renders oclif's root help once into dist/root-help.txt, so `mqlab --help`
// can print it without loading @oclif/core (importing oclif alone costs more than the 300 ms budget on a
// slow machine). bin/run.js uses the file only while it is newer than every compiled command and
// package.json; otherwise it falls back to oclif, so a build by plain `tsc` never shows a stale list.
import {Config, Help} from '@oclif/core'
import fs from 'node:fs'
import {fileURLToPath} from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const config = await Config.load({root})
let text = ''
const help = new Help(config, {})
// Help writes through ux.stdout → process.stdout; capture it.
const write = process.stdout.write.bind(process.stdout)
process.stdout.write = (chunk) => {
  text += String(chunk)
  return true
}
try {
  await help.showHelp([])
} finally {
  process.stdout.write = write
}
// The version line names this machine's node; bin/run.js fills in the running one.
text = text.replaceAll(config.userAgent, '{{userAgent}}')
// Atomic, so a concurrent `mqlab --help` never reads half a file.
const target = new URL('../dist/root-help.txt', import.meta.url)
const tmp = new URL(`../dist/root-help.txt.${process.pid}`, import.meta.url)
fs.writeFileSync(tmp, text)
fs.renameSync(tmp, target)
