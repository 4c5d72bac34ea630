import {Flags} from '@oclif/core'
import {clientTargetFlags, clientTargetHelp} from '../../cli/client-flags.js'
import {ClientCommand} from '../../cli/client-command.js'
import {ROUTE_REFRESH_NOTE} from '../../client/route-refresh-note.js'
import type {GroupSummary} from '../../client/admin/group-admin.js'

/** What `mqlab group list` returns. */
export interface GroupListResult {
  groups: GroupSummary[]
}

/** `mqlab group list`: every consumer group with clients and lag. */
export default class GroupList extends ClientCommand {
  static override summary = 'List the consumer groups the brokers know, with online clients, consume TPS and lag (mqadmin consumerProgress)'
  static override description = `Collects the subscription groups of every broker group (GET_ALL_SUBSCRIPTIONGROUP_CONFIG; a group is created there on first use when autoCreateSubscriptionGroup is on), then each group's clients and lag. The groups every broker creates for itself (TOOLS_CONSUMER, CID_ONSAPI_*, …) are shown with --system.

${clientTargetHelp(ROUTE_REFRESH_NOTE)}`
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --system --json']
  static override flags = {system: Flags.boolean({description: "include the brokers' own system groups"}), ...clientTargetFlags}

  async run(): Promise<GroupListResult> {
    const {flags} = await this.parse(GroupList)
    const target = await this.resolveTarget(flags)
    const {MQAdmin} = await import('../../client/admin/mq-admin.js')
    const {groupList} = await import('../../client/admin/group-admin.js')
    const admin = new MQAdmin({namesrvAddr: target.namesrvAddrs})
    try {
      const groups = await groupList(admin, {system: flags.system})
      if (!this.json) this.log((await import('../../cli/render/group-report.js')).renderGroupList(groups))
      return {groups}
    } finally {
      await admin.close()
    }
  }
}
