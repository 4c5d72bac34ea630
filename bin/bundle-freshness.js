// Shared by bin/*.js: whether an esbuild bundle under dist/bundle/ (scripts/build-bundles.js) may be used.
// A bundle is built from the TypeScript sources by `npm run build`; a build by tsc alone (ava compiles
// with tsc) leaves it older than the sources it was built from, and then the caller runs the tsc output
// in dist/ instead, so an edit is never hidden behind a stale bundle. MQLAB_NO_BUNDLE=1 forces dist/.
import fs from 'node:fs'

/**
 * True when dist/bundle/<name>/inputs.json exists and is newer than every file it lists (paths relative
 * to the package root; a listed file that is absent, as in an installed package without sources, is no
 * reason to distrust the bundle) and than each of `alsoCheck`. `root` (a file: URL ending in '/') is for
 * tests; it defaults to this package.
 */
export function bundleIsFresh(name, alsoCheck = [], root = new URL('../', import.meta.url)) {
  if (process.env.MQLAB_NO_BUNDLE) return false
  try {
    const list = new URL(`dist/bundle/${name}/inputs.json`, root)
    const built = fs.statSync(list).mtimeMs
    const inputs = JSON.parse(fs.readFileSync(list, 'utf8'))
    for (const file of [...inputs, ...alsoCheck]) {
      const stat = fs.statSync(new URL(file, root), {throwIfNoEntry: false})
      if (stat !== undefined && stat.mtimeMs > built) return false
    }
    return true
  } catch {
    return false
  }
}
