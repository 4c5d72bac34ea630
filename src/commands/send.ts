import {Flags} from '@oclif/core'
import {clientTargetFlags, clientTargetHelp} from '../cli/client-flags.js'
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

${clientTargetHelp(ROUTE_REFRESH_NOTE)}`
  static override examples = [
    '<%= config.bin %> <%= command.id %> --topic TopicTest -n 100',
    '<%= config.bin %> <%= command.id %> --topic TopicTest --body "order {i}" --tag TagA --key "order-{i}"',
    '<%= config.bin %> <%= command.id %> --topic BenchTopic -n 10000 --size 1024 --inflight 64',
    '<%= config.bin %> <%= command.id %> --topic TopicTest -n 100000 --fast-failover',
    '<%= config.bin %> <%= command.id %> --topic TopicTest --namesrv "127.0.0.1:9876;127.0.0.1:9877" --json',
  ]
  static override flags = {
    topic: Flags.string({char: 't', description: 'topic to send to', required: true}),
    count: Flags.integer({char: 'n', description: 'how many messages', default: 1, min: 0}),
    body: Flags.string({char: 'b', description: 'body text; {i} becomes the message index (default "Hello mqlab {i}")', exclusive: ['size']}),
    size: Flags.integer({description: 'body of exactly this many bytes instead of --body', min: 1, exclusive: ['body']}),
    tag: Flags.string({description: 'message tag (TAGS)'}),
    key: Flags.string({char: 'k', description: 'message key (KEYS); {i} becomes the index; repeat for several', multiple: true}),
    inflight: Flags.integer({description: 'messages in flight at once (1 = one synchronous send after another)', default: 1, min: 1, max: 4096}),
    group: Flags.string({description: 'producer group', default: 'mqlab_producer'}),
    ...failoverFlags,
    ...clientTargetFlags,
  }

  async run(): Promise<SendCommandResult> {
    const {flags} = await this.parse(Send)
    const {MqlabError} = await import('../cli/mqlab-error.js')
    const {checkTopic} = await import('../client/producer/outgoing-message.js')
    const problem = checkTopic(flags.topic)
    if (problem !== undefined) throw new MqlabError('INVALID_ARGUMENT', problem, {suggestion: 'topic names use letters, digits, %, |, _ and -'})
    const target = await this.resolveTarget(flags)
    const {Producer} = await import('../client/producer/producer.js')
    const {generateMessages} = await import('../client/producer/message-generator.js')
    const {renderSendLine, renderSendSummary} = await import('../cli/render/send-report.js')
    const {startProgressLine} = await import('../cli/render/progress-line.js')
    const {onInterrupt} = await import('../cli/interrupt.js')

    const producer = new Producer({namesrvAddr: target.namesrvAddrs, producerGroup: flags.group, ...failoverOption(flags)})
    const interrupt = onInterrupt()
    try {
      // One route read first: an unreachable cluster is one clear error, not a failure per message.
      await producer.client.getTopicRoute(flags.topic)
      const lines = !this.json && process.stdout.isTTY === true && flags.count <= LINES_UP_TO
      const progress = this.interactive && !lines && flags.count > 1 ? startProgressLine('sent', flags.count) : undefined
      let done = 0
      const run = await producer.send(
        generateMessages({topic: flags.topic, count: flags.count, body: flags.body, size: flags.size, tags: flags.tag, keys: flags.key}),
        {
          inflight: flags.inflight,
          signal: interrupt.signal,
          onResult: (report) => {
            progress?.update(++done)
            if (lines) this.log(renderSendLine(report))
          },
        },
      )
      progress?.finish()
      const result: SendCommandResult = {summary: {...run.summary, topic: flags.topic, namesrvAddr: target.namesrvAddrs}, messages: run.messages}
      if (!this.json) this.log(renderSendSummary(result))
      if (interrupt.signal.aborted) {
        this.fail(new MqlabError('INTERRUPTED', `interrupted after ${run.summary.total} of ${flags.count} messages`))
      } else if (run.summary.failed > 0) {
        this.fail(
          new MqlabError('SEND_FAILED', `${run.summary.failed} of ${run.summary.total} messages were not stored`, {
            suggestion: 'each failed message\'s report says why (--json for all of them); mqlab cluster shows which brokers are registered',
          }),
        )
      }
      return result
    } finally {
      interrupt.dispose()
      await producer.close()
    }
  }
}
