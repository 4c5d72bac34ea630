import {Args} from '@oclif/core'
import {clientTargetFlags, clientTargetHelp} from '../../cli/client-flags.js'
import {ClientCommand} from '../../cli/client-command.js'
import {ROUTE_REFRESH_NOTE} from '../../client/route-refresh-note.js'
import type {groupConnections} from '../../client/admin/group-admin.js'

/** What `mqlab group connections G` returns. */
export type GroupConnectionsResult = NonNullable<Awaited<ReturnType<typeof groupConnections>>> & {group: string}

/** `mqlab group connections G`: mqadmin consumerConnection. */
export default class GroupConnections extends ClientCommand {
  static override summary = 'Show the clients of a consumer group and what they subscribe (mqadmin consumerConnection)'
  static override description = `Asks the broker groups for GET_CONSUMER_CONNECTION_LIST until one knows the group online; clients heartbeat every broker, so any one shows them all. Exits 16 (CONSUMER_NOT_ONLINE) when no client of the group is connected.

${clientTargetHelp(ROUTE_REFRESH_NOTE)}`
  static override examples = ['<%= config.bin %> <%= command.id %> mqlab-consumer', '<%= config.bin %> <%= command.id %> mqlab-consumer --json']
  static override args = {group: Args.string({description: 'consumer group', required: true})}
  static override flags = {...clientTargetFlags}

  async run(): Promise<GroupConnectionsResult> {
    const {args, flags} = await this.parse(GroupConnections)
    const target = await this.resolveTarget(flags)
    const {MQAdmin} = await import('../../client/admin/mq-admin.js')
    const {groupConnections} = await import('../../client/admin/group-admin.js')
    const {MqlabError} = await import('../../cli/mqlab-error.js')
    const admin = new MQAdmin({namesrvAddr: target.namesrvAddrs})
    try {
      const conn = await groupConnections(admin, args.group)
      if (!conn) {
        throw new MqlabError('CONSUMER_NOT_ONLINE', `the consumer group ${args.group} has no client online`, {
          suggestion: `start a consumer (mqlab consume --topic T --group ${args.group}); mqlab group progress ${args.group} shows its offsets meanwhile`,
        })
      }
      if (!this.json) this.log((await import('../../cli/render/group-report.js')).renderGroupConnections(args.group, conn))
      return {group: args.group, ...conn}
    } finally {
      await admin.close()
    }
  }
}
