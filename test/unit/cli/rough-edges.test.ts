// Pure pieces of issue 10's rough edges: table fitting, --dir in hints, did-you-mean, send's line
// parsing and properties, consume's --from and format strings, crash lines, and topic create's skips.
import test from 'ava'
import {closestCommands} from '../../../src/cli/command-suggestion.js'
import {parseConsumeStart} from '../../../src/cli/consume-start.js'
import {withDir} from '../../../src/cli/hint-dir.js'
import {renderCrashes} from '../../../src/cli/render/lab-status-report.js'
import {formatConsumed} from '../../../src/cli/render/consume-report.js'
import {renderTopicCreate} from '../../../src/cli/render/topic-report.js'
import {renderSendSummary} from '../../../src/cli/render/send-report.js'
import {lineToMessage, parseProps} from '../../../src/cli/send-input.js'
import {fitWidths, renderTable} from '../../../src/cli/table.js'
import {MqlabError} from '../../../src/cli/mqlab-error.js'
import {dirFromArgv, errorBlock} from '../../../src/cli/base-command.js'

test('tables: no borders or row rules, columns left out before wrapping, words kept whole, width respected', (t) => {
  const rows = [
    ['broker-a-master', 'master', '127.0.0.1:10911', '10909 10911 10912', 'a long note that can wrap at spaces'],
    ['namesrv-1', 'namesrv', '127.0.0.1:9876', '9876', ''],
  ]
  const wide = renderTable(['node', 'role', 'address', 'ports', 'note'], rows, {width: 200})
  t.is(wide.split('\n').length, 3)
  t.regex(wide, /^node {13}role {5}address {10}ports {14}note$/m)
  t.notRegex(wide, /[─│┼]/)
  const narrow = renderTable(['node', 'role', 'address', 'ports', 'note'], rows, {width: 60, dropOrder: [3]})
  for (const line of narrow.split('\n')) t.true(line.length <= 60, line)
  t.notRegex(narrow, /10909/)
  t.regex(narrow, /\(hidden at 60 columns: ports; see --json\)/)
  t.regex(narrow, /127\.0\.0\.1:10911/, 'an identifier is never broken')
  t.deepEqual(fitWidths([10, 30, 5], 30, [10, 8, 5]), [10, 15, 5])
  t.deepEqual(fitWidths([10, 10], 100), [10, 10])
})

test('hints get --dir on every mqlab command, but not on init/templates, commands that have one, or the default lab', (t) => {
  t.is(withDir('mqlab start broker-a-master', 'lab2'), 'mqlab start broker-a-master --dir lab2')
  t.is(withDir('start it first: mqlab start x, then mqlab status', 'lab2'), 'start it first: mqlab start x --dir lab2, then mqlab status --dir lab2')
  t.is(withDir('mqlab promote broker-a-slave   (manual failover)', 'lab2'), 'mqlab promote broker-a-slave --dir lab2   (manual failover)')
  t.is(withDir('stop it: mqlab down --dir a, then mqlab init single --force', 'b'), 'stop it: mqlab down --dir a, then mqlab init single --force')
  t.is(withDir('mqlab start x', 'mqlab'), 'mqlab start x')
  t.is(withDir('mqlab start x', 'my lab'), 'mqlab start x --dir "my lab"')
  t.is(dirFromArgv(['status', '--dir', 'x']), 'x')
  t.is(dirFromArgv(['status', '--dir=y']), 'y')
  t.is(dirFromArgv(['status']), undefined)
})

test('did-you-mean: nearest commands, prefixes, nothing for nonsense', (t) => {
  const known = ['status', 'start', 'stop', 'send', 'topic create', 'topic list', 'replication']
  t.deepEqual(closestCommands('stauts', known), ['start', 'status'])
  t.deepEqual(closestCommands('topic creat', known), ['topic create'])
  t.deepEqual(closestCommands('repl', known), ['replication'])
  t.deepEqual(closestCommands('xyzzyplugh', known), [])
})

test('send lines: KEY<sep>BODY, the whole line without a separator; --prop checks its input', (t) => {
  const base = {topic: 'T'}
  t.deepEqual(lineToMessage('k1:hello:world', base, ':'), {topic: 'T', body: 'hello:world', keys: ['k1']})
  t.deepEqual(lineToMessage('no separator', base, ':'), {topic: 'T', body: 'no separator'})
  t.deepEqual(lineToMessage(':empty key', base, ':'), {topic: 'T', body: 'empty key'})
  t.deepEqual(lineToMessage('a:b', base), {topic: 'T', body: 'a:b'})
  t.deepEqual(parseProps(['region=eu', 'x=a=b']), {region: 'eu', x: 'a=b'})
  t.is(parseProps([]), undefined)
  t.throws(() => parseProps(['novalue']), {instanceOf: MqlabError, message: /is not KEY=VALUE/})
  t.throws(() => parseProps(['TAGS=x']), {instanceOf: MqlabError, message: /sets itself/})
})

test('consume --from: first/last are consumeFromWhere; offsets, ISO times, epoch ms and relative times are seeks', (t) => {
  const now = Date.parse('2026-12-08T03:00:00Z')
  t.deepEqual(parseConsumeStart('first', now), {kind: 'where', from: 'first'})
  t.deepEqual(parseConsumeStart('last', now), {kind: 'where', from: 'last'})
  t.deepEqual(parseConsumeStart('1200', now), {kind: 'override', override: {kind: 'offset', offset: 1200}})
  t.deepEqual(parseConsumeStart('2026-12-08T02:00:00Z', now), {kind: 'override', override: {kind: 'time', timestamp: now - 3_600_000}})
  t.deepEqual(parseConsumeStart(String(now), now), {kind: 'override', override: {kind: 'time', timestamp: now}})
  t.deepEqual(parseConsumeStart('-10m', now), {kind: 'override', override: {kind: 'time', timestamp: now - 600_000}})
  t.throws(() => parseConsumeStart('yesterday', now), {instanceOf: MqlabError, message: /neither first, last/})
})

test('consume --format: fields, escapes, unknown fields left alone', (t) => {
  const m = {
    msgId: 'ID',
    offsetMsgId: 'OID',
    topic: 'T',
    tags: 'TagA',
    keys: ['k1', 'k2'],
    body: 'hello',
    bodySize: 5,
    bodyCompressed: false,
    queueId: 3,
    queueOffset: 17,
    brokerName: 'broker-a',
    brokerId: 1,
    reconsumeTimes: 0,
    bornTimestamp: 0,
    storeTimestamp: 1000,
    bornHost: '',
    storeHost: '',
    properties: {region: 'eu'},
  }
  t.is(formatConsumed(m, '%t q%q@%o %i [%k] %g %b %B %p %a %% %z\\t.', 1500), 'T q3@17 ID [k1,k2] TagA hello broker-a/1 region=eu 500 % %z\t.')
})

test('crash lines: one line for a kill, the log tail for anything else or with verbose; errorBlock matches oclif', (t) => {
  const killed = {node: 'b', pid: 7, signalled: 'SIGKILL', signalledAt: 1000, logPath: '/l', lastLines: ['x', 'y']}
  t.is(renderCrashes([killed], 'crashed', {now: 121_000}), '✗ b crashed — killed by mqlab kill (SIGKILL) 2m 0s ago (pid 7)')
  t.regex(renderCrashes([killed], 'crashed', {verbose: true, now: 0}), /Last lines of \/l:\n {4}x\n {4}y/)
  t.regex(renderCrashes([{...killed, signalled: null}], 'crashed', {now: 0}), /✗ b crashed \(pid 7\)\. Last lines of \/l:/)
  t.is(
    errorBlock(new MqlabError('EMPTY_TOPIC', 'topic T holds no messages', {suggestion: 'send some'})),
    ' ›   Error: topic T holds no messages\n ›   Code: EMPTY_TOPIC\n ›   Try this: send some',
  )
})

test('topic create names a group skipped for a down master; a send that stored nothing has no throughput', (t) => {
  const text = renderTopicCreate({
    topic: 'T',
    readQueueNums: 8,
    writeQueueNums: 8,
    perm: 6,
    brokers: [{cluster: 'C', brokerName: 'broker-b', addr: 'b:1', ok: true}],
    skipped: [{cluster: 'C', brokerName: 'broker-a', slaves: ['a:2']}],
  })
  t.regex(text, /- C\/broker-a skipped: its master is down \(slave a:2 cannot create topics\); create T there again once the master is back/)
  t.regex(text, /on 1 of 1 master; 1 group without a master skipped/)
  const summary = renderSendSummary({
    summary: {
      topic: 'T',
      total: 2,
      ok: 0,
      degraded: 0,
      failed: 2,
      byStatus: {TOPIC_NOT_EXIST: 2},
      throughput: 50_000,
      elapsedMs: 0.04,
      latency: {p50: 0, p99: 0, avg: 0, max: 0},
      retried: 0,
    } as any,
    messages: [],
  })
  t.regex(summary, /nothing stored in/)
  t.notRegex(summary, /throughput/)
})

test('completion words: commands, topics of commands, flags, node names, templates, topics after --topic', async (t) => {
  const sources = {
    commands: ['start', 'status', 'init', 'send', 'topic create', 'topic list'],
    flagsOf: (c: string) => (c === 'send' ? ['--topic', '-t', '--count'] : ['--dir']),
    nodes: async () => ['namesrv-1', 'broker-a-master'],
    templates: async () => ['single', '2m-2s-sync'],
    topics: async () => ['TopicTest', 'Orders'],
  }
  const {completeWords} = await import('../../../src/cli/completion-words.js')
  t.deepEqual(await completeWords(['st'], sources), ['start', 'status'])
  t.deepEqual(await completeWords(['topic', ''], sources), ['create', 'list'])
  t.deepEqual(await completeWords(['start', 'b'], sources), ['broker-a-master'])
  t.deepEqual(await completeWords(['start', 'broker-a-master', ''], sources), [], 'one node argument only')
  t.deepEqual(await completeWords(['init', ''], sources), ['2m-2s-sync', 'single'])
  t.deepEqual(await completeWords(['send', '--topic', 'O'], sources), ['Orders'])
  t.deepEqual(await completeWords(['send', '--c'], sources), ['--count'])
  t.deepEqual(await completeWords(['send', '--dir', ''], sources), [], "paths are the shell's")
})

test('prose lines wrap at spaces to the width, continuation indented; unknown width leaves them alone', async (t) => {
  const {wrapProse} = await import('../../../src/cli/table.js')
  const line = '  note: no master registered: broker-a takes no writes; its slaves still serve reads'
  const wrapped = wrapProse(line, 40, '    ')
  t.true(
    wrapped.split('\n').every((l) => l.length <= 40),
    wrapped,
  )
  t.is(wrapped.replace(/\n\s+/g, ' '), line)
  t.true(
    wrapped
      .split('\n')
      .slice(1)
      .every((l) => l.startsWith('    ')),
  )
  t.is(wrapProse(line, undefined), line)
})
