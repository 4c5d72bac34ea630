import test from 'ava'
import {Errors} from '@oclif/core'
import {toMqlabError} from '../../../src/cli/base-command.js'
import {ExitCode} from '../../../src/errors/exit-codes.js'
import {MqlabError} from '../../../src/errors/mqlab-error.js'

test('an MqlabError keeps its code and exit code', (t) => {
  const e = toMqlabError(new MqlabError('LAB_EXISTS', 'x', {suggestion: 'y'}))
  t.is(e.code, 'LAB_EXISTS')
  t.is(e.exitCode, ExitCode.LAB_EXISTS)
  t.is(e.suggestion, 'y')
})

test('oclif parse errors become USAGE (exit 2)', (t) => {
  const parseError = Object.assign(new Errors.CLIError('Expected an integer but received: abc', {exit: 2}), {parse: {}})
  t.is(toMqlabError(parseError).code, 'USAGE')
  t.is(toMqlabError(parseError).exitCode, 2)
})

test('anything else is INTERNAL (exit 1) with the original message', (t) => {
  const e = toMqlabError(new TypeError('boom'))
  t.is(e.code, 'INTERNAL')
  t.is(e.exitCode, 1)
  t.regex(e.message, /boom/)
})
