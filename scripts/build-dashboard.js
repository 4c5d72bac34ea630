#!/usr/bin/env node
// Build step (after build-bundles.js, which empties dist/bundle): the dashboard's page. web/dashboard/
// holds plain browser modules (preact + htm for the views, uPlot for the charts); esbuild bundles them
// with the libraries into dist/bundle/dashboard/, which ships with the package ("files": dist/bundle), so
// the page works offline: no CDN, no request leaves the dashboard's own address.
import * as esbuild from 'esbuild'
import fs from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const out = path.join(root, 'dist/bundle/dashboard')
fs.mkdirSync(out, {recursive: true})
await esbuild.build({
  absWorkingDir: root,
  entryPoints: {app: 'web/dashboard/main.js'},
  outdir: out,
  bundle: true,
  format: 'esm',
  target: 'es2020',
  minify: true,
  legalComments: 'linked',
  logLevel: 'warning',
})
fs.copyFileSync(path.join(root, 'web/dashboard/index.html'), path.join(out, 'index.html'))
