import {Args, Flags} from '@oclif/core'
import {clientTargetFlags, clientTargetHelp} from '../../cli/client-flags.js'
import {ClientCommand} from '../../cli/client-command.js'
import {ROUTE_REFRESH_NOTE} from '../../client/route-refresh-note.js'
import type {GroupProgress} from '../../client/admin/group-admin.js'

/** `mqlab group progress G`: mqadmin consumerProgress -g G. */
export default class GroupProgressCommand extends ClientCommand {
  static override summary = "Show a consumer group's progress per queue: broker offset, group offset, lag, last consumed, client (mqadmin consumerProgress)"
  static override description = `Asks every broker group for GET_CONSUME_STATS — its master, or a slave when the master does not answer (a slave reports the offsets it copied from its master, or took while the master was down). Lag is broker offset minus group offset. The client column shows which online client AllocateMessageQueueAveragely (RocketMQ's default) gives each queue.

${clientTargetHelp(ROUTE_REFRESH_NOTE)}`
  static override examples = [
    '<%= config.bin %> <%= command.id %> mqlab-consumer',
    '<%= config.bin %> <%= command.id %> mqlab-consumer --topic TopicTest --json',
  ]
  static override args = {group: Args.string({description: 'consumer group', required: true})}
  static override flags = {
    topic: Flags.string({char: 't', description: 'only this topic (default: every topic the group committed offsets on)'}),
    ...clientTargetFlags,
  }

  async run(): Promise<GroupProgress> {
    const {args, flags} = await this.parse(GroupProgressCommand)
    const target = await this.resolveTarget(flags)
    const {MQAdmin} = await import('../../client/admin/mq-admin.js')
    const {groupProgress} = await import('../../client/admin/group-admin.js')
    const {MqlabError} = await import('../../cli/mqlab-error.js')
    const admin = new MQAdmin({namesrvAddr: target.namesrvAddrs})
    try {
      const result = await groupProgress(admin, args.group, flags.topic)
      if (!this.json) this.log((await import('../../cli/render/group-report.js')).renderGroupProgress(result))
      if (result.answeredBy.length === 0 && result.unanswered.length > 0) {
        this.fail(new MqlabError('BROKER_ERROR', 'no broker answered', {suggestion: 'see mqlab status and mqlab cluster'}))
      }
      return result
    } finally {
      await admin.close()
    }
  }
}
