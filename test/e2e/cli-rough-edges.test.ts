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

test('a mistyped command gets a did-you-mean and exit 2, with the JSON envelope under --json; help CMD, -h, -v and completion work', async (t) => {
  const cwd = await tempDir(t, 'mqlab-typo-e2e-')
  const typo = await text(cwd, ['stauts'])
  t.is(typo.exitCode, 2, typo.stderr)
  t.regex(typo.stderr, /"stauts" is not a mqlab command/)
  t.regex(typo.stderr, /did you mean mqlab start or mqlab status\?/)
  const json = await mqlab(cwd, ['topic', 'creat', 'T'])
  t.is(json.exitCode, 2)
  t.like(json.json, {ok: false, exitCode: 2, command: 'topic creat', error: {code: 'USAGE'}})
  t.deepEqual(json.json.error?.details?.suggestions, ['topic create'])

  const [help, dashH, version, completion] = await Promise.all([
    text(cwd, ['help', 'kill']),
    text(cwd, ['kill', '-h']),
    text(cwd, ['-v']),
    text(cwd, ['completion', 'bash']),
  ])
  t.is(help.exitCode, 0, help.stderr)
  t.regex(help.stdout, /USAGE\n\s+\$ mqlab kill NODE/)
  t.is(dashH.exitCode, 0)
  t.is(dashH.stdout, help.stdout)
  t.is(version.exitCode, 0)
  t.regex(version.stdout, /^mqlab\/\d+\.\d+\.\d+ /)
  t.is(completion.exitCode, 0, completion.stderr)
  t.regex(completion.stdout, /complete -F _mqlab_complete mqlab/)
  // What the script asks: command words, node names of the lab in --dir, templates after init.
  t.is((await mqlab(cwd, ['init', 'single', '--dir', 'lab', '--namesrv-count', '1'])).exitCode, 0)
  const words = async (...w: string[]) => (await text(cwd, ['completion', ...w.flatMap((x) => ['--words', x])])).stdout.split('\n').filter(Boolean)
  t.deepEqual(await words('st'), ['start', 'status', 'stop'])
  t.deepEqual(await words('kill', '--dir', 'lab', ''), ['broker-a-master', 'namesrv-1'])
  t.deepEqual(await words('init', '2m-2s'), ['2m-2s-async', '2m-2s-sync'])
  t.deepEqual(await words('topic', 'cr'), ['create'])
  t.true((await words('send', '--in')).includes('--inflight'))
})

test('validate prints compiler-style file:line: error [rule] message (fix: …) lines', async (t) => {
  const cwd = await tempDir(t, 'mqlab-validate-e2e-')
  t.is((await mqlab(cwd, ['init', '2m-2s-sync'])).exitCode, 0)
  const file = path.join(cwd, 'mqlab', 'conf', 'broker-b.properties')
  await fs.appendFile(file, 'listenport=1\n')
  const lineNo = (await fs.readFile(file, 'utf8')).split('\n').length - 1
  const run = await text(cwd, ['validate'], {columns: 80})
  t.is(run.exitCode, 3)
  t.true(
    run.stdout
      .split('\n')
      .includes(
        `mqlab/conf/broker-b.properties:${lineNo}: error [unknown-key] listenport: unknown key (did you mean listenPort?) (fix: rename listenport to listenPort)`,
      ),
    run.stdout,
  )
})

test('tables fit 80 and 160 columns, with no rules between rows', async (t) => {
  const cwd = await tempDir(t, 'mqlab-width-e2e-')
  for (const columns of [80, 160]) {
    const run = await text(cwd, ['templates'], {columns})
    t.is(run.exitCode, 0)
    const lines = run.stdout.split('\n')
    t.true(
      lines.every((l) => l.length <= columns),
      `${columns}: ${Math.max(...lines.map((l) => l.length))} columns`,
    )
    t.false(
      lines.some((l) => /^[\s─┼├┤|+-]+$/.test(l) && l.trim() !== ''),
      'no rule lines',
    )
    t.regex(run.stdout, /^template\s+nodes\s+description/)
  }
})

test('init --host and --port-offset place a lab beside another; a non-loopback host is refused', async (t) => {
  const cwd = await tempDir(t, 'mqlab-place-e2e-')
  const placed = await mqlab(cwd, ['init', '2m-noslave', '--dir', 'lab', '--host', '127.0.0.5', '--port-offset', '1000', '--namesrv-count', '1'])
  t.is(placed.exitCode, 0, placed.stdout)
  t.deepEqual(placed.json.result.hosts, ['127.0.0.5'])
  t.deepEqual(
    placed.json.result.nodes.map((n: any) => [n.name, n.host, n.ports.map((p: any) => p.port)]),
    [
      ['namesrv-1', '127.0.0.5', [10876]],
      ['broker-a-master', '127.0.0.5', [11909, 11911, 11912]],
      ['broker-b-master', '127.0.0.5', [11919, 11921, 11922]],
    ],
  )
  t.true(placed.json.result.validation.valid)
  const conf = await fs.readFile(path.join(cwd, 'lab', 'conf', 'broker-a.properties'), 'utf8')
  t.regex(conf, /^namesrvAddr=127\.0\.0\.5:10876$/m)
  t.regex(conf, /^brokerIP1=127\.0\.0\.5$/m)
  const hosts = await mqlab(cwd, ['init', '2m-2s-async', '--dir', 'lab2', '--host', '127.0.1.10', '--hosts', '2'])
  t.deepEqual(hosts.json.result.hosts, ['127.0.1.10', '127.0.1.11'])
  const outside = await mqlab(cwd, ['init', 'single', '--dir', 'lab3', '--host', '10.0.0.1'])
  t.is(outside.exitCode, 2)
  t.like(outside.json.error, {code: 'INVALID_ARGUMENT'})
  t.regex(outside.json.error!.message, /--host 10\.0\.0\.1 is not a usable loopback address/)
  // The old --namesrv COUNT spelling still works, with a deprecation warning.
  const old = await text(cwd, ['init', 'single', '--dir', 'lab4', '--namesrv', '1'])
  t.is(old.exitCode, 0, old.stderr)
  t.regex(old.stderr, /--namesrv" flag has been deprecated/)
})
