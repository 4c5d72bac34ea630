import test from 'ava'
import fs from 'node:fs'
import {ExitCode, errorExitCodes, oclifExitCodes} from '../../../src/errors/exit-codes.js'

// dist/test/unit/cli → package root
const pkg = JSON.parse(fs.readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8'))

test('package.json oclif.exitCodes mirrors the exit-code table', (t) => {
  t.deepEqual(pkg.oclif.exitCodes, oclifExitCodes)
})

test('every error code maps to a code in the table, and codes are distinct per meaning', (t) => {
  const values = new Set<number>(Object.values(ExitCode))
  for (const [code, exit] of Object.entries(errorExitCodes)) t.true(values.has(exit), code)
  t.is(new Set(Object.values(ExitCode)).size, Object.keys(ExitCode).length)
  t.is(ExitCode.OK, 0)
})
