import {Flags} from '@oclif/core'
import {clientTargetFlags, clientTargetHelp, takeLegacyCount} from '../cli/client-flags.js'
import {ClientCommand} from '../cli/client-command.js'
import {failoverFlags, failoverOption} from '../cli/failover-flag.js'
import {ROUTE_REFRESH_NOTE} from '../client/route-refresh-note.js'
import type {SendRunResult} from '../client/producer/send-report.js'

/** What `mqlab send` returns (and prints under --json). */
export interface SendCommandResult {
  summary: SendRunResult['summary'] & {topic: string; namesrvAddr: string[]}
  messages: SendRunResult['messages']
}

/** Per-message lines are printed (on a terminal) up to this many messages. */
const LINES_UP_TO = 20

/** `mqlab send`: produce messages and report each one and the run. */
export default class Send extends ClientCommand {
  static override summary = 'Send messages to a topic and report each one: status, msgId, offsetMsgId, broker, queue, offset'
  static override description = `Sends like RocketMQ's DefaultMQProducer: each message to the next queue of the topic's masters, retried up to 2 times on another broker after a failure (the report says when), --inflight at a time. A topic the name servers do not know is created through TBW102 by a broker with autoCreateTopicEnable (as Java clients do). Status per message: SEND_OK, FLUSH_DISK_TIMEOUT, FLUSH_SLAVE_TIMEOUT, SLAVE_NOT_AVAILABLE (stored on the master but not confirmed), or the error. msgId is the client-generated unique id (SendResult.msgId); offsetMsgId encodes the store host and commitlog offset. "{i}" in --body and --key becomes the message's index. The summary gives counts per status, throughput and latency p50/p99. Exits 13 when any message was not stored.

Messages from lines, as kcat -P does: with --body -, or when stdin is a pipe or a file and neither --body, --size nor --count is given, every non-empty line of stdin is one message; --file reads the lines of a file. With --key-separator (kcat's -K) a line is KEY<sep>BODY. --prop adds user properties, --queue sends every message to one queue (RocketMQ's send(msg, mq): no retry on another broker).

On a terminal small runs print a line per message and a summary; when stdout is not a terminal, or with --quiet, every message gets one line on stdout and the summary goes to stderr.

${clientTargetHelp(ROUTE_REFRESH_NOTE)}`
  static override examples = [
    '<%= config.bin %> <%= command.id %> --topic TopicTest --count 100',
    'seq 1 1000 | <%= config.bin %> <%= command.id %> --topic TopicTest',
    '<%= config.bin %> <%= command.id %> --topic TopicTest --file orders.txt --key-separator : --prop region=eu',
    '<%= config.bin %> <%= command.id %> --topic TopicTest --body "order {i}" --tag TagA --key "order-{i}"',
    '<%= config.bin %> <%= command.id %> --topic BenchTopic --count 10000 --size 1024 --inflight 64',
    '<%= config.bin %> <%= command.id %> --topic TopicTest --count 100000 --fast-failover',
    '<%= config.bin %> <%= command.id %> --topic TopicTest --namesrv "127.0.0.1:9876;127.0.0.1:9877" --json',
  ]
  static override flags = {
    topic: Flags.string({char: 't', description: 'topic to send to', required: true}),
    count: Flags.integer({description: 'how many messages (default 1; with lines from stdin or --file: at most this many)', min: 0}),
    body: Flags.string({
      char: 'b',
      description: 'body text; {i} becomes the message index (default "Hello mqlab {i}"); "-" reads one message per line of stdin',
      exclusive: ['size', 'file'],
    }),
    size: Flags.integer({description: 'body of exactly this many bytes instead of --body', min: 1, exclusive: ['body', 'file']}),
    file: Flags.string({char: 'f', description: 'send each non-empty line of this file as a message', exclusive: ['body', 'size']}),
    'key-separator': Flags.string({char: 'K', description: 'with lines from stdin or --file: split each line into KEY<sep>BODY (kcat -K)'}),
    tag: Flags.string({aliases: ['tags'], description: 'message tag (TAGS; mqadmin: --tags)'}),
    key: Flags.string({
      char: 'k',
      aliases: ['keys'],
      description: 'message key (KEYS; mqadmin: --keys); {i} becomes the index; repeat for several',
      multiple: true,
    }),
    prop: Flags.string({char: 'p', description: 'user property KEY=VALUE on every message; repeat for several', multiple: true}),
    queue: Flags.integer({char: 'q', description: 'send every message to this queue id (of --broker, or of the first broker that has it)', min: 0}),
    broker: Flags.string({description: 'with --queue: the brokerName whose queue to use'}),
    quiet: Flags.boolean({description: 'one line per message and the summary on stderr, also on a terminal', default: false}),
    inflight: Flags.integer({description: 'messages in flight at once (1 = one synchronous send after another)', default: 1, min: 1, max: 4096}),
    group: Flags.string({description: 'producer group', default: 'mqlab_producer'}),
    ...failoverFlags,
    ...clientTargetFlags,
  }

  async run(): Promise<SendCommandResult> {
    const parsed = await this.parse(Send)
    const flags = takeLegacyCount(parsed.flags, (m) => process.stderr.write(` ›   Warning: ${m}\n`)) // stderr also under --json
    const {MqlabError} = await import('../cli/mqlab-error.js')
    const {checkTopic} = await import('../client/producer/outgoing-message.js')
    const problem = checkTopic(flags.topic)
    if (problem !== undefined) throw new MqlabError('INVALID_ARGUMENT', problem, {suggestion: 'topic names use letters, digits, %, |, _ and -'})
    if (flags.broker !== undefined && flags.queue === undefined)
      throw new MqlabError('USAGE', '--broker only chooses whose queue --queue means', {suggestion: 'add --queue N, or leave out --broker'})
    const input = await import('../cli/send-input.js')
    const props = input.parseProps(flags.prop)
    const fromStdin =
      flags.body === '-' ||
      (flags.body === undefined && flags.size === undefined && flags.file === undefined && flags.count === undefined && input.stdinHasData())
    const lineSource = fromStdin ? process.stdin : flags.file === undefined ? undefined : input.openMessageFile(flags.file)
    if (flags['key-separator'] !== undefined && lineSource === undefined)
      throw new MqlabError('USAGE', '--key-separator splits lines from stdin or --file', {suggestion: 'use --body - or --file, or give keys with --key'})
    const target = await this.resolveTarget(flags)
    const {Producer} = await import('../client/producer/producer.js')
    const {generateMessages} = await import('../client/producer/message-generator.js')
    const {renderSendLine, renderSendSummary} = await import('../cli/render/send-report.js')
    const {startProgressLine} = await import('../cli/render/progress-line.js')
    const {onInterrupt} = await import('../cli/interrupt.js')
    const count = flags.count ?? (lineSource ? undefined : 1)
    const base = {
      topic: flags.topic,
      ...(flags.tag === undefined ? {} : {tags: flags.tag}),
      ...(flags.key === undefined ? {} : {keys: flags.key}),
      ...(props ? {properties: props} : {}),
    }
    const messages = lineSource
      ? input.linesAsMessages(lineSource, base, {keySeparator: flags['key-separator'], limit: count})
      : withProps(generateMessages({topic: flags.topic, count, body: flags.body, size: flags.size, tags: flags.tag, keys: flags.key}), props)

    const producer = new Producer({namesrvAddr: target.namesrvAddrs, producerGroup: flags.group, ...failoverOption(flags)})
    const interrupt = onInterrupt()
    try {
      // One route read first: an unreachable cluster is one clear error, not a failure per message.
      await producer.client.getTopicRoute(flags.topic)
      // Not a terminal (or --quiet): one line per message on stdout, the summary on stderr.
      const perMessage = !this.json && (flags.quiet || process.stdout.isTTY !== true)
      const lines = perMessage || (!this.json && count !== undefined && count <= LINES_UP_TO)
      const progress = this.interactive && !lines && (count === undefined || count > 1) ? startProgressLine('sent', count ?? 0) : undefined
      let done = 0
      const run = await producer.send(messages, {
        inflight: flags.inflight,
        signal: interrupt.signal,
        ...(flags.queue === undefined ? {} : {queue: {queueId: flags.queue, ...(flags.broker === undefined ? {} : {brokerName: flags.broker})}}),
        onResult: (report) => {
          progress?.update(++done)
          if (lines) this.log(renderSendLine(report))
        },
      })
      progress?.finish()
      const result: SendCommandResult = {summary: {...run.summary, topic: flags.topic, namesrvAddr: target.namesrvAddrs}, messages: run.messages}
      if (!this.json) {
        if (perMessage) this.logToStderr(renderSendSummary(result))
        else this.log(renderSendSummary(result))
      }
      if (interrupt.signal.aborted) {
        this.fail(
          new MqlabError('INTERRUPTED', `interrupted after ${run.summary.total} of ${count ?? 'the'} messages`, {
            suggestion: 'the messages sent so far are stored; their reports are above (or under --json)',
          }),
        )
      } else if (run.summary.failed > 0) {
        const missing =
          run.messages.length > 0 &&
          run.messages.filter((m) => m.outcome === 'failed').every((m) => m.error?.code === 'TOPIC_NOT_EXIST' || m.status === 'TOPIC_NOT_EXIST')
        this.fail(
          new MqlabError(
            'SEND_FAILED',
            `${run.summary.failed} of ${run.summary.total} messages were not stored${missing ? `: topic ${flags.topic} does not exist and no broker creates it` : ''}`,
            {
              suggestion: missing
                ? `create it first: mqlab topic create ${flags.topic}${flags.namesrv ? ` --namesrv "${flags.namesrv}"` : ` --dir ${flags.dir}`}`
                : "each failed message's report says why (--json for all of them); mqlab cluster shows which brokers are registered",
            },
          ),
        )
      }
      return result
    } finally {
      interrupt.dispose()
      await producer.close()
    }
  }
}

/** Adds --prop's properties to generated messages. */
function* withProps<T extends {properties?: Readonly<Record<string, string>>}>(messages: Iterable<T>, props: Record<string, string> | undefined): Generator<T> {
  for (const m of messages) yield props === undefined ? m : {...m, properties: {...m.properties, ...props}}
}
