/** Where the dashboard's page and bundled assets are: dist/bundle/dashboard, built by scripts/build-dashboard.js. */
import fs from 'node:fs'
import path from 'node:path'
import {MqlabError} from '../errors/mqlab-error.js'
import {packageRoot} from '../package-root.js'

export function dashboardAssetsDir(): string {
  const dir = path.join(packageRoot(), 'dist', 'bundle', 'dashboard')
  if (!fs.existsSync(path.join(dir, 'index.html')))
    throw new MqlabError('INTERNAL', `the dashboard's assets are missing (${dir})`, {suggestion: 'run npm run build'})
  return dir
}
