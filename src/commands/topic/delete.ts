import {Args} from '@oclif/core'
import {clientTargetFlags, clientTargetHelp} from '../../cli/client-flags.js'
import {ClientCommand} from '../../cli/client-command.js'
import {ROUTE_REFRESH_NOTE} from '../../client/route-refresh-note.js'
import type {DeleteTopicResult} from '../../client/admin/topic-admin.js'

/** `mqlab topic delete T`: mqadmin deleteTopic. */
export default class TopicDelete extends ClientCommand {
  static override summary = 'Delete a topic on every master and every name server (mqadmin deleteTopic)'
  static override description = `Sends DELETE_TOPIC_IN_BROKER to the master of every broker group (the broker forgets the topic, its consume queues and its consumer offsets; the messages stay in the commitlog until retention), then DELETE_TOPIC_IN_NAMESRV to every name server. As in RocketMQ, a slave keeps the topic until it next copies its master's topics, and may register it again meanwhile; a master that was down keeps it. Exits 14 when any master or name server failed.

${clientTargetHelp(ROUTE_REFRESH_NOTE)}`
  static override examples = ['<%= config.bin %> <%= command.id %> TopicTest', '<%= config.bin %> <%= command.id %> TopicTest --json']
  static override args = {topic: Args.string({description: 'topic name', required: true})}
  static override flags = {...clientTargetFlags}

  async run(): Promise<DeleteTopicResult> {
    const {args, flags} = await this.parse(TopicDelete)
    const target = await this.resolveTarget(flags)
    const {MQAdmin} = await import('../../client/admin/mq-admin.js')
    const {deleteTopic} = await import('../../client/admin/topic-admin.js')
    const {MqlabError} = await import('../../cli/mqlab-error.js')
    const admin = new MQAdmin({namesrvAddr: target.namesrvAddrs})
    try {
      const result = await deleteTopic(admin, args.topic, target.namesrvAddrs)
      if (!this.json) this.log((await import('../../cli/render/admin-topic-report.js')).renderTopicDelete(result))
      const failed = result.outcomes.filter((o) => !o.ok)
      if (failed.length > 0)
        this.fail(
          new MqlabError('BROKER_ERROR', `${failed.length} of ${result.outcomes.length} did not delete ${args.topic}`, {
            suggestion: 'see each error above; mqlab cluster shows which brokers are up',
          }),
        )
      return result
    } finally {
      await admin.close()
    }
  }
}
