import {Args, Flags} from '@oclif/core'
import {clientTargetFlags, clientTargetHelp} from '../../cli/client-flags.js'
import {ClientCommand} from '../../cli/client-command.js'
import {ROUTE_REFRESH_NOTE} from '../../client/route-refresh-note.js'
import type {ResetOutcome, ResetTarget} from '../../client/admin/group-admin.js'

/** What `mqlab group reset-offset` returns. */
export interface ResetOffsetResult {
  group: string
  topic: string
  to: string
  timestamp: number
  brokers: ResetOutcome[]
}

/** first, last, epoch milliseconds, or a date Date.parse reads ("2026-12-08T10:00:00", "2026-12-08 10:00"). */
export function parseResetTarget(text: string): ResetTarget | undefined {
  if (text === 'first') return {kind: 'first'}
  if (text === 'last') return {kind: 'last'}
  if (/^\d{10,}$/.test(text)) return {kind: 'time', timestamp: Number(text)}
  const ms = Date.parse(text.includes(' ') && !text.includes('T') ? text.replace(' ', 'T') : text)
  return Number.isFinite(ms) ? {kind: 'time', timestamp: ms} : undefined
}

/** `mqlab group reset-offset G --topic T --to first|last|TIME`: mqadmin resetOffsetByTime. */
export default class GroupResetOffset extends ClientCommand {
  static override summary = "Move a consumer group's offsets on a topic to the first or last message, or to a time (mqadmin resetOffsetByTime)"
  static override description = `Sends INVOKE_BROKER_TO_RESET_OFFSET to the master of each broker group of the topic: the broker works out each queue's offset (first: the earliest stored; last: the end; TIME: the first message stored at or after it) and pushes it to the group's online clients, which commit it. With no client online it answers CONSUMER_NOT_ONLINE and mqlab commits the offsets itself (UPDATE_CONSUMER_OFFSET), as mqadmin does. Offsets live on masters: a group whose master is down is reported failed (exit 14). Java clients apply a pushed reset at once; mqlab's own consume does not take it yet and would commit its old position again — stop it first.

${clientTargetHelp(ROUTE_REFRESH_NOTE)}`
  static override examples = [
    '<%= config.bin %> <%= command.id %> mqlab-consumer --topic TopicTest --to first',
    '<%= config.bin %> <%= command.id %> mqlab-consumer --topic TopicTest --to last --json',
    '<%= config.bin %> <%= command.id %> mqlab-consumer --topic TopicTest --to "2026-12-08 10:00"',
  ]
  static override args = {group: Args.string({description: 'consumer group', required: true})}
  static override flags = {
    topic: Flags.string({char: 't', description: 'topic whose offsets to move', required: true}),
    to: Flags.string({description: 'first, last, epoch milliseconds, or a local date and time', required: true, helpValue: 'first|last|TIME'}),
    ...clientTargetFlags,
  }

  async run(): Promise<ResetOffsetResult> {
    const {args, flags} = await this.parse(GroupResetOffset)
    const {MqlabError} = await import('../../cli/mqlab-error.js')
    const to = parseResetTarget(flags.to)
    if (!to)
      throw new MqlabError('INVALID_ARGUMENT', `--to ${flags.to} is not first, last, epoch milliseconds or a date`, {
        suggestion: 'e.g. --to first, --to last, --to "2026-12-08 10:00"',
      })
    const target = await this.resolveTarget(flags)
    const {MQAdmin} = await import('../../client/admin/mq-admin.js')
    const {resetOffset} = await import('../../client/admin/group-admin.js')
    const admin = new MQAdmin({namesrvAddr: target.namesrvAddrs})
    try {
      const brokers = await resetOffset(admin, args.group, flags.topic, to)
      if (!this.json) this.log((await import('../../cli/render/group-report.js')).renderResetOffset(args.group, flags.topic, brokers))
      const failed = brokers.filter((b) => !b.ok)
      if (failed.length > 0)
        this.fail(
          new MqlabError('BROKER_ERROR', `the reset failed on ${failed.map((b) => b.brokerName).join(', ')}`, {
            suggestion: 'see each error above; offsets can only be moved on a running master',
          }),
        )
      return {group: args.group, topic: flags.topic, to: flags.to, timestamp: to.kind === 'first' ? 0 : to.kind === 'last' ? -1 : to.timestamp, brokers}
    } finally {
      await admin.close()
    }
  }
}
