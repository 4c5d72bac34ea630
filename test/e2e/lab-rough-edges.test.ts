// End-to-end through the built CLI against a running 2m-noslave lab (one name server, two masters on
// free ports): the first-time-user rough edges of issue 10 that need running nodes — init --force and a
// second lab on the same ports, send from stdin/--file, consume's new modes, soft-failure blocks,
// restart after a bad edit, crash lines after mqlab kill, kill --signal TERM, hints that keep --dir,
// and the note that a dead master's messages wait for it.
import test from 'ava'
import {execa} from 'execa'
import fs from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {guardLab, movePortsToFree, mqlab, tempDir} from '../helpers/lab-cli.js'

const bin = fileURLToPath(new URL('../../../bin/run.js', import.meta.url))

async function text(cwd: string, args: string[], options: {input?: string; columns?: number} = {}) {
  const run = await execa('node', [bin, ...args], {
    cwd,
    reject: false,
    timeout: 60_000,
    env: {NO_COLOR: '1', ...(options.columns ? {COLUMNS: String(options.columns)} : {})},
    ...(options.input === undefined ? {stdin: 'ignore' as const} : {input: options.input}),
  })
  return {exitCode: run.exitCode ?? -1, stdout: run.stdout, stderr: run.stderr}
}

function setKey(file: string, key: string, value: string): string {
  const before = fs.readFileSync(file, 'utf8')
  fs.writeFileSync(file, before.replace(new RegExp(`^${key}=.*$`, 'm'), `${key}=${value}`))
  return before
}

test('a running lab: init --force, a clashing second lab, send lines, consume modes, soft failures, restart after a bad edit, kill lines, TERM, --dir hints, waiting masters', async (t) => {
  const cwd = await tempDir(t, 'mqlab-edges-e2e-')
  t.is((await mqlab(cwd, ['init', '2m-noslave', '--dir', 'lab', '--namesrv-count', '1'])).exitCode, 0)
  const lab = path.join(cwd, 'lab')
  const {namesrvAddr} = await movePortsToFree(lab)
  const guard = guardLab(t, lab)
  const up = await mqlab(cwd, ['up', '--dir', 'lab'])
  guard.track()
  t.is(up.exitCode, 0, up.stdout + up.stderr)

  // init --force must not rewrite conf/ under running nodes.
  const force = await mqlab(cwd, ['init', '2m-noslave', '--dir', 'lab', '--force'])
  t.is(force.exitCode, 5)
  t.like(force.json.error, {code: 'LAB_EXISTS'})
  t.regex(force.json.error!.message, /is running \(.*namesrv-1.*\)/)
  t.regex(force.json.error!.suggestion!, /mqlab down --dir lab/)

  // A second lab on the first one's name server port: named, with the command that frees it.
  t.is((await mqlab(cwd, ['init', 'single', '--dir', 'other', '--namesrv-count', '1'])).exitCode, 0)
  setKey(path.join(cwd, 'other', 'conf', 'namesrv-1.properties'), 'listenPort', namesrvAddr.split(':')[1]!)
  const clash = await mqlab(cwd, ['up', '--dir', 'other'])
  t.is(clash.exitCode, 8, clash.stdout)
  t.regex(clash.json.error!.message, new RegExp(`namesrv-1 of the mqlab lab in ${fs.realpathSync(lab).replaceAll('/', '\\/')} \\(pid \\d+\\)`))
  t.regex(clash.json.error!.suggestion!, new RegExp(`mqlab down --dir ${fs.realpathSync(lab).replaceAll('/', '\\/')}`))

  // send: lines from stdin with a key separator and a property; one line per message off a terminal.
  // On both masters (an auto-created topic lives only where its first messages went).
  t.is((await mqlab(cwd, ['topic', 'create', 'Edges', '--dir', 'lab', '--queues', '4'])).exitCode, 0)
  // A shell pipe (a FIFO) is read without being asked; so is any stdin with --body -.
  const piped = await execa(
    'sh',
    ['-c', `printf 'k1:hello\\n\\nk2:world\\n' | "${process.execPath}" "${bin}" send --dir lab --topic Edges -K : --prop region=eu`],
    {cwd, reject: false, env: {NO_COLOR: '1'}},
  )
  t.is(piped.exitCode, 0, piped.stderr)
  t.is(piped.stdout.split('\n').length, 2, piped.stdout)
  const lines = await text(cwd, ['send', '--dir', 'lab', '--topic', 'Edges', '--body', '-', '-K', ':', '--prop', 'region=eu'], {input: 'k3:again\n'})
  t.is(lines.exitCode, 0, lines.stderr)
  t.true(
    [...piped.stdout.split('\n'), lines.stdout].every((l) => /^#\d SEND_OK broker-[ab] q\d+@\d+ msgId=/.test(l)),
    piped.stdout + lines.stdout,
  )
  t.regex(piped.stderr, /sent 2 to Edges: 2 ok/)
  // --file, --queue, -n as the name server address (mqadmin's meaning), --keys as mqadmin spells it.
  fs.writeFileSync(path.join(cwd, 'msgs.txt'), 'one\ntwo\n')
  const file = await mqlab(cwd, [
    'send',
    '-n',
    namesrvAddr,
    '--topic',
    'Edges',
    '--file',
    'msgs.txt',
    '--queue',
    '1',
    '--broker',
    'broker-a',
    '--keys',
    'filekey',
  ])
  t.is(file.exitCode, 0, file.stdout)
  t.deepEqual(
    file.json.result.messages.map((m: any) => [m.brokerName, m.queueId, m.status]),
    [
      ['broker-a', 1, 'SEND_OK'],
      ['broker-a', 1, 'SEND_OK'],
    ],
  )
  // The old -n COUNT still counts, with a deprecation warning.
  const legacy = await mqlab(cwd, ['send', '--dir', 'lab', '--topic', 'Edges', '-n', '2'])
  t.is(legacy.exitCode, 0)
  t.is(legacy.json.result.summary.total, 2)
  t.regex(legacy.stderr, /-n 2 as a count is deprecated: use --count 2/)
  // A run that stored nothing reports no throughput.
  const none = await text(cwd, ['send', '--dir', 'lab', '--topic', 'Edges', '--count', '0'])
  t.regex(none.stdout + none.stderr, /nothing stored in/)
  t.notRegex(none.stdout + none.stderr, /throughput/)

  // Ctrl-C during a long send: "interrupted after N of M" in the error block, exit 130.
  const long = execa('node', [bin, 'send', '--dir', 'lab', '--topic', 'EdgesInterrupted', '--count', '1000000'], {
    cwd,
    reject: false,
    env: {NO_COLOR: '1'},
    stdin: 'ignore',
  })
  await new Promise<void>((resolve) => long.stdout!.once('data', () => resolve()))
  long.kill('SIGINT')
  const interrupted = await long
  t.is(interrupted.exitCode, 130, interrupted.stderr)
  t.regex(interrupted.stderr, /Error: interrupted after \d+ of 1000000 messages\n.*Code: INTERRUPTED/)

  // consume: exit at end, a format string, NDJSON, --from OFFSET over committed offsets.
  const formatted = await text(cwd, ['consume', '--dir', 'lab', '--topic', 'Edges', '--group', 'fmt', '--exit-at-end', '--format', '%k|%b|%p'])
  t.is(formatted.exitCode, 0, formatted.stderr)
  const got = formatted.stdout.split('\n').sort()
  t.deepEqual(
    got.filter((l) => l.startsWith('k')),
    ['k1|hello|region=eu', 'k2|world|region=eu', 'k3|again|region=eu'],
  )
  t.is(got.filter((l) => l.startsWith('filekey|')).length, 2)
  t.regex(formatted.stderr, /consumed 7 from Edges .*\(reached the end of every queue\)/)
  const again = await mqlab(cwd, ['consume', '--dir', 'lab', '--topic', 'Edges', '--group', 'fmt', '--exit-at-end'])
  t.like(again.json.result.summary, {count: 0, stoppedBy: 'end'})
  const rewound = await mqlab(cwd, ['consume', '--dir', 'lab', '--topic', 'Edges', '--group', 'fmt', '--exit-at-end', '--from', '0'])
  t.like(rewound.json.result.summary, {count: 7, stoppedBy: 'end'})
  const ndjson = await text(cwd, ['consume', '--dir', 'lab', '--topic', 'Edges', '--group', 'nd', '--exit-at-end', '--ndjson'])
  const objects = ndjson.stdout.split('\n').map((l) => JSON.parse(l))
  t.is(objects.length, 8)
  t.true(objects.slice(0, 7).every((o) => typeof o.msgId === 'string' && o.topic === 'Edges'))
  t.like(objects[7].summary, {count: 7, stoppedBy: 'end'})

  const byTime = await mqlab(cwd, ['consume', '--dir', 'lab', '--topic', 'Edges', '--group', 'fmt', '--exit-at-end', '--from', '-1h'])
  t.like(byTime.json.result.summary, {count: 7, stoppedBy: 'end'}, 'a time seek reads everything sent since')
  // --tail: only what is sent after it started (the old bodies never show up), until Ctrl-C.
  const tail = execa('node', [bin, 'consume', '--dir', 'lab', '--topic', 'Edges', '--group', 'tail', '--tail', '--ndjson'], {
    cwd,
    reject: false,
    env: {NO_COLOR: '1'},
    stdin: 'ignore',
  })
  let tailOut = ''
  tail.stdout!.on('data', (c: Buffer) => (tailOut += c.toString()))
  for (let i = 0; i < 120 && !tailOut.includes('"body":"fresh'); i++) {
    await mqlab(cwd, ['send', '--dir', 'lab', '--topic', 'Edges', '--body', `fresh ${i}`])
  }
  tail.kill('SIGINT')
  const tailed = await tail
  const tailLines = tailOut
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l))
  const bodies = tailLines.filter((o) => o.body !== undefined).map((o) => o.body as string)
  t.true(bodies.length > 0 && bodies.every((b) => b.startsWith('fresh ')), JSON.stringify(bodies))
  t.is(tailed.exitCode, 130, tailed.stderr)

  // Soft failures print the same Error/Code/Try-this block as hard ones.
  t.is((await mqlab(cwd, ['topic', 'create', 'EdgesEmpty', '--dir', 'lab', '--queues', '2'])).exitCode, 0)
  const empty = await text(cwd, ['consume', '--dir', 'lab', '--topic', 'EdgesEmpty', '--exit-at-end'])
  t.is(empty.exitCode, 12)
  t.regex(
    empty.stderr,
    /Error: topic EdgesEmpty holds no messages\n.*Code: EMPTY_TOPIC\n.*Try this: send some first: mqlab send --topic EdgesEmpty --count 10 --dir lab/,
  )

  // restart after a bad edit: refused before the healthy node is stopped.
  const confA = path.join(lab, 'conf', 'broker-a.properties')
  const pidBefore = (await mqlab(cwd, ['status', '--dir', 'lab'])).json.result.nodes.find((n: any) => n.name === 'broker-a-master').pid
  const original = setKey(confA, 'brokerRole', 'async_master')
  const restart = await mqlab(cwd, ['restart', 'broker-a-master', '--dir', 'lab'])
  t.is(restart.exitCode, 3, restart.stdout)
  t.like(restart.json.error, {code: 'VALIDATION_FAILED'})
  t.regex(restart.json.error!.message, /conf\/broker-a\.properties:\d+: \[value-enum\] brokerRole.*was left running/)
  const after = (await mqlab(cwd, ['status', '--dir', 'lab'])).json.result.nodes.find((n: any) => n.name === 'broker-a-master')
  t.like(after, {state: 'running', pid: pidBefore})
  fs.writeFileSync(confA, original)

  // A paused broker: cluster names the request it left unanswered and says it may be paused.
  t.is((await mqlab(cwd, ['pause', 'broker-b-master', '--dir', 'lab'])).exitCode, 0)
  const cluster = await mqlab(cwd, ['cluster', '--dir', 'lab'])
  const pausedRow = cluster.json.result.brokers.find((b: any) => b.brokerName === 'broker-b')
  t.regex(pausedRow.error, /GET_BROKER_RUNTIME_INFO \(request code 28\) to .* timed out after \d+ ms \(no answer: the process may be paused/)
  t.is((await mqlab(cwd, ['resume', 'broker-b-master', '--dir', 'lab'])).exitCode, 0)

  // kill: the prediction's hints keep --dir; later commands show one line for the crash, -v the log.
  const kill = await text(cwd, ['kill', 'broker-b-master', '--dir', 'lab'])
  t.is(kill.exitCode, 0, kill.stderr)
  t.regex(kill.stdout, /Try next:\n\s+mqlab start broker-b-master --dir lab/)
  const status = await text(cwd, ['status', '--dir', 'lab'], {columns: 80})
  t.regex(status.stdout, /✗ broker-b-master crashed — killed by mqlab kill \(SIGKILL\) \d+s ago \(pid \d+\)$/m)
  t.notRegex(status.stdout, /Last lines of/)
  t.regex(status.stdout, /start it again: mqlab start NODE --dir lab\nclear it: mqlab stop NODE --dir lab; its log: mqlab logs NODE --dir lab/)
  t.true(
    status.stdout.split('\n').every((l) => l.length <= 80),
    status.stdout,
  )
  t.regex((await text(cwd, ['status', '--dir', 'lab', '-v'])).stdout, /broker-b-master crashed \(pid \d+, SIGKILL sent by mqlab kill\)\. Last lines of /)

  // 2m-noslave: broker-b's messages wait for its master.
  const waiting = await text(cwd, ['consume', '--dir', 'lab', '--topic', 'Edges', '--group', 'late', '--exit-at-end'])
  t.regex(
    waiting.stdout,
    /broker-b's master broker-b-master is crashed and broker-b has no live slave: the messages stored on it wait for it \(mqlab start broker-b-master --dir lab\)/,
  )

  // kill --signal TERM is a clean shutdown: stopped, not crashed.
  const term = await mqlab(cwd, ['kill', 'broker-a-master', '--signal', 'TERM', '--dir', 'lab'])
  t.is(term.exitCode, 0, term.stdout)
  t.is(term.json.result.state, 'stopped')
  t.is((await mqlab(cwd, ['status', '--dir', 'lab'])).json.result.nodes.find((n: any) => n.name === 'broker-a-master').state, 'stopped')

  const down = await mqlab(cwd, ['down', '--dir', 'lab'])
  t.is(down.exitCode, 0, down.stdout)
})
