import {Args} from '@oclif/core'
import {clientTargetFlags, clientTargetHelp} from '../../cli/client-flags.js'
import {ClientCommand} from '../../cli/client-command.js'
import {ROUTE_REFRESH_NOTE} from '../../client/route-refresh-note.js'
import type {TopicRouteData} from '../../../runtime/remoting/body/topic-route-data.js'

/** What `mqlab topic route T` returns. */
export interface TopicRouteResult {
  topic: string
  route: TopicRouteData
}

/** `mqlab topic route T`: the name servers' route of a topic. */
export default class TopicRoute extends ClientCommand {
  static override summary = "Show a topic's route: the brokers serving it (brokerId 0 master, > 0 slave) and its queues, as mqadmin topicRoute"
  static override description = `A route lists a broker group while any of its brokers is registered; when only the master died, the group stays with just its slave, so consumers keep reading while producers skip it. Exits 11 when the name servers do not know the topic.

${clientTargetHelp(ROUTE_REFRESH_NOTE)}`
  static override examples = ['<%= config.bin %> <%= command.id %> TopicTest', '<%= config.bin %> <%= command.id %> TopicTest --json']
  static override args = {topic: Args.string({description: 'topic name', required: true})}
  static override flags = {...clientTargetFlags}

  async run(): Promise<TopicRouteResult> {
    const {args, flags} = await this.parse(TopicRoute)
    const target = await this.resolveTarget(flags)
    const {MQAdmin} = await import('../../client/admin/mq-admin.js')
    const admin = new MQAdmin({namesrvAddr: target.namesrvAddrs})
    try {
      const route = await admin.topicRoute(args.topic)
      if (!this.json) this.log((await import('../../cli/render/topic-report.js')).renderTopicRoute(args.topic, route))
      return {topic: args.topic, route}
    } finally {
      await admin.close()
    }
  }
}
