// End-to-end through the built CLI (bin/run.js) for the first-time-user rough edges of issue 10 that need
// no running lab: mistyped commands, help and version flags, FIFOs in conf/, init's placement flags,
// compiler-style validate output and table widths. Labs that run live in lab-rough-edges.test.ts.
import test from 'ava'
import {execa} from 'execa'
import {execFileSync} from 'node:child_process'
import fs from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {mqlab, tempDir} from '../helpers/lab-cli.js'

const bin = fileURLToPath(new URL('../../../bin/run.js', import.meta.url))

/** Runs the CLI in text mode (no --json), stdout not a TTY, at a given terminal width. */
async function text(cwd: string, args: string[], options: {columns?: number; input?: string; timeoutMs?: number} = {}) {
  const run = await execa('node', [bin, ...args], {
    cwd,
    reject: false,
    timeout: options.timeoutMs ?? 60_000,
    env: {NO_COLOR: '1', ...(options.columns ? {COLUMNS: String(options.columns)} : {})},
    ...(options.input === undefined ? {stdin: 'ignore' as const} : {input: options.input}),
  })
  return {exitCode: run.exitCode ?? -1, stdout: run.stdout, stderr: run.stderr, timedOut: run.timedOut}
}

test('a FIFO named conf/x.properties is refused by validate and up with a clear error, never a hang', async (t) => {
  const cwd = await tempDir(t, 'mqlab-fifo-e2e-')
  t.is((await mqlab(cwd, ['init', 'single', '--dir', 'lab'])).exitCode, 0)
  execFileSync('mkfifo', [path.join(cwd, 'lab', 'conf', 'x.properties')])
  const validate = await mqlab(cwd, ['validate', '--dir', 'lab'], {timeoutMs: 20_000})
  t.is(validate.exitCode, 3, validate.stdout)
  const problem = validate.json.result.problems.find((p: any) => p.file === 'conf/x.properties')
  t.like(problem, {severity: 'error', rule: 'file-unreadable'})
  t.regex(problem.message, /not a regular file: it is a FIFO/)
  const up = await mqlab(cwd, ['up', '--dir', 'lab'], {timeoutMs: 20_000})
  t.is(up.exitCode, 3, up.stdout)
  t.is(up.json.error?.code, 'VALIDATION_FAILED')
})
