import {clientTargetFlags, clientTargetHelp} from '../../cli/client-flags.js'
import {ClientCommand} from '../../cli/client-command.js'
import {ROUTE_REFRESH_NOTE} from '../../client/route-refresh-note.js'

/** What `mqlab topic list` returns. */
export interface TopicListResult {
  topics: string[]
}

/** `mqlab topic list`: every topic the name servers know. */
export default class TopicList extends ClientCommand {
  static override summary = 'List every topic the name servers know, as mqadmin topicList (system topics included)'
  static override description = clientTargetHelp(ROUTE_REFRESH_NOTE)
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --namesrv 127.0.0.1:9876 --json']
  static override flags = {...clientTargetFlags}

  async run(): Promise<TopicListResult> {
    const {flags} = await this.parse(TopicList)
    const target = await this.resolveTarget(flags)
    const {MQAdmin} = await import('../../client/admin/mq-admin.js')
    const admin = new MQAdmin({namesrvAddr: target.namesrvAddrs})
    try {
      const topics = await admin.topicList()
      if (!this.json) this.log((await import('../../cli/render/topic-report.js')).renderTopicList(topics))
      return {topics}
    } finally {
      await admin.close()
    }
  }
}
