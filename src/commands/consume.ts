import {Flags} from '@oclif/core'
import {clientTargetFlags, clientTargetHelp} from '../cli/client-flags.js'
import {ClientCommand} from '../cli/client-command.js'
import {failoverFlags, failoverOption} from '../cli/failover-flag.js'
import {ROUTE_REFRESH_NOTE} from '../client/route-refresh-note.js'
import type {ConsumeResult} from '../client/consumer/consume-report.js'

/** What `mqlab consume` returns (and prints under --json). */
export interface ConsumeCommandResult {
  messages: ConsumeResult['messages']
  summary: ConsumeResult['summary'] & {namesrvAddr: string[]; caughtUp: boolean}
}

/** `mqlab consume`: a clustering consumer run that commits its offsets. */
export default class Consume extends ClientCommand {
  static override summary = 'Consume messages from a topic as a clustering consumer; prints each with the broker that served it'
  static override description = `Joins the consumer group (heartbeat, rebalance over the topic's queues), pulls with long polling until -n messages or --timeout, then commits the offsets it consumed and leaves, like RocketMQ's push consumer: a second run with the same group continues where this one stopped. Each message shows msgId, body, tag, keys, queueId, queueOffset, and which broker served the pull: brokerName/brokerId, 0 the master, > 0 a slave (after a master dies, pulls move to its slave).

--from only matters for queues the group never committed: "first" (the default here, handy in a lab) starts at the oldest message, "last" (RocketMQ's default) at the newest — though a broker still answers 0 for a new group while a queue's first message is in memory, so a young topic is read from the start either way.

Exits 11 for a topic the name servers do not know and 12 for a topic with no messages at all; a group that has already consumed everything gets 0 messages and exit 0.

${clientTargetHelp(ROUTE_REFRESH_NOTE)}`
  static override examples = [
    '<%= config.bin %> <%= command.id %> --topic TopicTest -n 100',
    '<%= config.bin %> <%= command.id %> --topic TopicTest --group audit --from last --timeout 30',
    '<%= config.bin %> <%= command.id %> --topic TopicTest --timeout 60 --fast-failover',
    '<%= config.bin %> <%= command.id %> --topic TopicTest --namesrv 127.0.0.1:9876 --json',
  ]
  static override flags = {
    topic: Flags.string({char: 't', description: 'topic to consume', required: true}),
    group: Flags.string({char: 'g', description: 'consumer group', default: 'mqlab_consumer'}),
    count: Flags.integer({char: 'n', description: 'stop after this many messages (default: run until --timeout)', min: 1}),
    from: Flags.string({description: 'where a queue the group never committed starts', options: ['first', 'last'], default: 'first'}),
    tag: Flags.string({description: 'tag expression, as RocketMQ subscribes: "*", "TagA", "TagA || TagB"', default: '*'}),
    timeout: Flags.integer({description: 'seconds to wait for messages before stopping', default: 10, min: 1}),
    ...failoverFlags,
    ...clientTargetFlags,
  }

  async run(): Promise<ConsumeCommandResult> {
    const {flags} = await this.parse(Consume)
    const target = await this.resolveTarget(flags)
    const {MqlabError} = await import('../cli/mqlab-error.js')
    const {Consumer} = await import('../client/consumer/consumer.js')
    const {renderConsumedLine, renderConsumeSummary} = await import('../cli/render/consume-report.js')
    const {onInterrupt} = await import('../cli/interrupt.js')
    const {topicIsEmpty} = await import('../cli/consume-outcome.js')

    const consumer = new Consumer({namesrvAddr: target.namesrvAddrs, ...failoverOption(flags)})
    const interrupt = onInterrupt()
    try {
      const run = await consumer.consume({
        topic: flags.topic,
        group: flags.group,
        subExpression: flags.tag,
        count: flags.count,
        from: flags.from as 'first' | 'last',
        timeoutMs: flags.timeout * 1000,
        signal: interrupt.signal,
        onMessage: this.json ? undefined : (m) => this.log(renderConsumedLine(m)),
      })
      const empty = run.summary.count === 0 && topicIsEmpty(run.summary)
      const caughtUp = run.summary.count === 0 && !empty && run.summary.queues.length > 0
      const result: ConsumeCommandResult = {messages: run.messages, summary: {...run.summary, namesrvAddr: target.namesrvAddrs, caughtUp}}
      if (!this.json) {
        const note = caughtUp ? `nothing new: group ${flags.group} has consumed every message of ${flags.topic}` : undefined
        this.log(renderConsumeSummary(run.summary, flags.count, note))
      }
      if (empty) {
        this.fail(new MqlabError('EMPTY_TOPIC', `topic ${flags.topic} holds no messages`, {suggestion: `send some first: mqlab send --topic ${flags.topic} -n 10`}))
      } else if (run.summary.stoppedBy === 'aborted') {
        this.fail(new MqlabError('INTERRUPTED', `interrupted after ${run.summary.count} messages (their offsets were committed)`))
      }
      return result
    } finally {
      interrupt.dispose()
      await consumer.close()
    }
  }
}
