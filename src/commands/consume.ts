import {Flags} from '@oclif/core'
import {clientTargetFlags, clientTargetHelp, takeLegacyCount} from '../cli/client-flags.js'
import {ClientCommand} from '../cli/client-command.js'
import {failoverFlags, failoverOption} from '../cli/failover-flag.js'
import {ROUTE_REFRESH_NOTE} from '../client/route-refresh-note.js'
import type {ConsumeResult} from '../client/consumer/consume-report.js'

/** What `mqlab consume` returns (and prints under --json). */
export interface ConsumeCommandResult {
  messages: ConsumeResult['messages']
  summary: ConsumeResult['summary'] & {namesrvAddr: string[]; caughtUp: boolean; waitingForMaster?: Array<{brokerName: string; master: string; state: string}>}
}

/** `mqlab consume`: a clustering consumer run that commits its offsets. */
export default class Consume extends ClientCommand {
  static override summary = 'Consume messages from a topic as a clustering consumer; prints each with the broker that served it'
  static override description = `Joins the consumer group (heartbeat, rebalance over the topic's queues), pulls with long polling until --count messages or --timeout, then commits the offsets it consumed and leaves, like RocketMQ's push consumer: a second run with the same group continues where this one stopped. Each message shows msgId, body, tag, keys, queueId, queueOffset, and which broker served the pull: brokerName/brokerId, 0 the master, > 0 a slave (after a master dies, pulls move to its slave).

--from first|last only matters for queues the group never committed: "first" starts at the oldest message, "last" at the newest. mqlab's default is first, handy in a lab; RocketMQ's consumers default to last (CONSUME_FROM_LAST_OFFSET) — though a broker still answers 0 for a new group while a queue's first message is in memory, so a young topic is read from the start either way. --from OFFSET (a queue offset) or TIME (2026-12-08T03:00:00Z, -10m) starts this run there whatever the group committed (mqlab only, like kcat -o). --tail reads only messages sent from now on, until Ctrl-C (or --timeout).

--exit-at-end (kcat -e) stops as soon as every queue has been read to its end instead of waiting for --timeout. Lines show bodies up to 80 characters; --full shows them whole, --format prints each message through a format string (%t topic, %q queue, %o offset, %i msgId, %k keys, %g tag, %b body, %B broker/brokerId, %T store time, %a age ms, %p properties), --ndjson streams one JSON object per message and then the summary.

The summary's "age at delivery" is how long each message waited between its birth and delivery: for a backlog that is its age, not a latency. In a lab whose group has lost its master and has no live slave (2m-noslave after a kill), consume says that group's messages wait on the dead master's disk until it is started again.

Exits 11 for a topic the name servers do not know and 12 for a topic with no messages at all; a group that has already consumed everything gets 0 messages and exit 0.

${clientTargetHelp(ROUTE_REFRESH_NOTE)}`
  static override examples = [
    '<%= config.bin %> <%= command.id %> --topic TopicTest --count 100',
    '<%= config.bin %> <%= command.id %> --topic TopicTest --exit-at-end --format "%o %k %b"',
    '<%= config.bin %> <%= command.id %> --topic TopicTest --tail',
    '<%= config.bin %> <%= command.id %> --topic TopicTest --group audit --from last --timeout 30',
    '<%= config.bin %> <%= command.id %> --topic TopicTest --timeout 60 --fast-failover',
    '<%= config.bin %> <%= command.id %> --topic TopicTest --namesrv 127.0.0.1:9876 --json',
  ]
  static override flags = {
    topic: Flags.string({char: 't', description: 'topic to consume', required: true}),
    group: Flags.string({char: 'g', description: 'consumer group', default: 'mqlab_consumer'}),
    count: Flags.integer({description: 'stop after this many messages (default: run until --timeout)', min: 1}),
    from: Flags.string({
      description: 'first | last (for queues the group never committed) | OFFSET | TIME (this run starts there)',
      default: 'first',
      helpValue: 'first|last|OFFSET|TIME',
    }),
    tail: Flags.boolean({description: 'only messages sent from now on, until Ctrl-C (or --timeout)', default: false, exclusive: ['exit-at-end']}),
    'exit-at-end': Flags.boolean({char: 'e', description: 'stop once every queue has been read to its end (kcat -e)', default: false}),
    tag: Flags.string({aliases: ['tags'], description: 'tag expression, as RocketMQ subscribes: "*", "TagA", "TagA || TagB"', default: '*'}),
    timeout: Flags.integer({description: 'seconds to wait for messages before stopping (default 10; with --tail none)', min: 1}),
    full: Flags.boolean({description: 'show whole bodies (default: the first 80 characters)', default: false}),
    format: Flags.string({char: 'f', description: 'print each message through this format (%t %q %o %i %k %g %b %B %T %a %p, \\n)'}),
    ndjson: Flags.boolean({description: 'one JSON object per message as it arrives, then {"summary": …}', default: false}),
    ...failoverFlags,
    ...clientTargetFlags,
  }

  async run(): Promise<ConsumeCommandResult> {
    const parsed = await this.parse(Consume)
    const flags = takeLegacyCount(parsed.flags, (m) => process.stderr.write(` ›   Warning: ${m}\n`)) // stderr also under --json
    const {parseConsumeStart} = await import('../cli/consume-start.js')
    const start = parseConsumeStart(flags.from, Date.now())
    const target = await this.resolveTarget(flags)
    const {MqlabError} = await import('../cli/mqlab-error.js')
    const {Consumer} = await import('../client/consumer/consumer.js')
    const {formatConsumed, renderConsumedLine, renderConsumeSummary} = await import('../cli/render/consume-report.js')
    const {onInterrupt} = await import('../cli/interrupt.js')
    const {topicIsEmpty} = await import('../cli/consume-outcome.js')

    const consumer = new Consumer({namesrvAddr: target.namesrvAddrs, ...failoverOption(flags)})
    const interrupt = onInterrupt()
    const print = flags.ndjson
      ? (m: Parameters<typeof renderConsumedLine>[0]) => process.stdout.write(JSON.stringify(m) + '\n')
      : this.json
        ? undefined
        : flags.format === undefined
          ? (m: Parameters<typeof renderConsumedLine>[0]) => this.log(renderConsumedLine(m, flags.full ? Infinity : 80))
          : (m: Parameters<typeof renderConsumedLine>[0]) => this.log(formatConsumed(m, flags.format!))
    // setTimeout's limit (~24.8 days) stands for "until Ctrl-C".
    const timeoutMs = flags.timeout === undefined ? (flags.tail ? 2 ** 31 - 1 : 10_000) : flags.timeout * 1000
    try {
      const run = await consumer.consume({
        topic: flags.topic,
        group: flags.group,
        subExpression: flags.tag,
        count: flags.count,
        from: start.kind === 'where' ? start.from : 'first',
        timeoutMs,
        signal: interrupt.signal,
        onMessage: print,
        exitAtEnd: flags['exit-at-end'],
        ...(flags.tail ? {startOverride: {kind: 'max' as const}} : start.kind === 'override' ? {startOverride: start.override} : {}),
        keepMessages: !flags.tail && !flags.ndjson,
      })
      const empty = run.summary.count === 0 && topicIsEmpty(run.summary)
      const caughtUp = run.summary.count === 0 && !empty && run.summary.queues.length > 0
      const waiting = flags.namesrv === undefined ? await waitingGroups(flags.dir) : []
      const result: ConsumeCommandResult = {
        messages: run.messages,
        summary: {...run.summary, namesrvAddr: target.namesrvAddrs, caughtUp, ...(waiting.length > 0 ? {waitingForMaster: waiting} : {})},
      }
      if (flags.ndjson) process.stdout.write(JSON.stringify({summary: result.summary}) + '\n')
      else if (!this.json) {
        const notes = [
          ...(caughtUp ? [`nothing new: group ${flags.group} has consumed every message of ${flags.topic}`] : []),
          ...waiting.map(
            (w) =>
              `${w.brokerName}'s master ${w.master} is ${w.state} and ${w.brokerName} has no live slave: the messages stored on it wait for it (mqlab start ${w.master}${flags.dir === 'mqlab' ? '' : ` --dir ${flags.dir}`})`,
          ),
        ]
        const summary = renderConsumeSummary(run.summary, flags.count, notes.length > 0 ? notes.join('\n') : undefined)
        // With a format, stdout carries only the formatted messages.
        if (flags.format === undefined) this.log(summary)
        else this.logToStderr(summary)
      }
      if (empty) {
        this.fail(
          new MqlabError('EMPTY_TOPIC', `topic ${flags.topic} holds no messages`, {
            suggestion: `send some first: mqlab send --topic ${flags.topic} --count 10`,
          }),
        )
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

/** Groups of the lab in `dir` whose master is down with no live slave (none when there is no lab). */
async function waitingGroups(dir: string) {
  try {
    const {openLab} = await import('../lab/lab-context.js')
    const {groupsWaitingForMaster} = await import('../lab/waiting-groups.js')
    const ctx = openLab(dir)
    try {
      return groupsWaitingForMaster(ctx)
    } finally {
      await ctx.close()
    }
  } catch {
    return []
  }
}
