// bin/bundle-freshness.js decides whether bin/*.js may run an esbuild bundle or must fall back to dist/.
import test from 'ava'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {pathToFileURL} from 'node:url'

// bin/ is plain JavaScript outside tsc's rootDir; import it from the package root.
const {bundleIsFresh} = (await import(pathToFileURL(path.resolve('bin/bundle-freshness.js')).href)) as {
  bundleIsFresh: (name: string, alsoCheck?: string[], root?: URL) => boolean
}

function fakePackage(t: {teardown(fn: () => void): void}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mqlab-bundle-fresh-'))
  t.teardown(() => fs.rmSync(dir, {recursive: true, force: true}))
  fs.mkdirSync(path.join(dir, 'src'))
  fs.mkdirSync(path.join(dir, 'dist/bundle/cli'), {recursive: true})
  const setTime = (rel: string, seconds: number) => fs.utimesSync(path.join(dir, rel), seconds, seconds)
  const write = (rel: string, text: string, seconds: number) => {
    fs.writeFileSync(path.join(dir, rel), text)
    setTime(rel, seconds)
  }
  write('src/a.ts', 'a', 1000)
  write('src/b.ts', 'b', 1000)
  write('package.json', '{}', 1000)
  write('dist/bundle/cli/inputs.json', JSON.stringify(['src/a.ts', 'src/b.ts', 'src/gone.ts']), 2000)
  return {root: pathToFileURL(`${dir}/`), write, setTime}
}

test('a bundle newer than every source it lists is used; a listed source that is absent does not count', (t) => {
  const p = fakePackage(t)
  t.true(bundleIsFresh('cli', ['package.json'], p.root))
})

test('a source edited after the bundle was built (a tsc-only build) sends bin/ to dist/', (t) => {
  const p = fakePackage(t)
  p.setTime('src/b.ts', 3000)
  t.false(bundleIsFresh('cli', [], p.root))
})

test('package.json newer than the CLI bundle, no bundle at all, or MQLAB_NO_BUNDLE: dist/', (t) => {
  const p = fakePackage(t)
  p.setTime('package.json', 3000)
  t.false(bundleIsFresh('cli', ['package.json'], p.root))
  t.true(bundleIsFresh('cli', [], p.root))
  t.false(bundleIsFresh('runtime', [], p.root))
  process.env.MQLAB_NO_BUNDLE = '1'
  try {
    t.false(bundleIsFresh('cli', [], p.root))
  } finally {
    delete process.env.MQLAB_NO_BUNDLE
  }
})
