import {Args, Flags} from '@oclif/core'
import {clientTargetFlags, clientTargetHelp} from '../../cli/client-flags.js'
import {ClientCommand} from '../../cli/client-command.js'
import {ROUTE_REFRESH_NOTE} from '../../client/route-refresh-note.js'
import type {CreateTopicResult} from '../../client/admin/mq-admin.js'

/** `mqlab topic create T`: mqadmin updateTopic on every master. */
export default class TopicCreate extends ClientCommand {
  static override summary = 'Create (or update) a topic on every master of the cluster, as mqadmin updateTopic -c'
  static override description = `Sends UPDATE_AND_CREATE_TOPIC to the master (brokerId 0) of every broker group the name servers know (or of --cluster), which then registers the topic with the name servers; slaves take it from their master. Each broker's answer is shown; exits 14 when any master failed.

${clientTargetHelp(ROUTE_REFRESH_NOTE)}`
  static override examples = ['<%= config.bin %> <%= command.id %> TopicTest', '<%= config.bin %> <%= command.id %> Orders --queues 16 --json']
  static override args = {topic: Args.string({description: 'topic name (letters, digits, %, |, _, -)', required: true})}
  static override flags = {
    queues: Flags.integer({char: 'q', description: 'read and write queues per master', default: 8, min: 1, max: 1024}),
    cluster: Flags.string({char: 'c', description: "only this cluster's masters"}),
    ...clientTargetFlags,
  }

  async run(): Promise<CreateTopicResult> {
    const {args, flags} = await this.parse(TopicCreate)
    const target = await this.resolveTarget(flags)
    const {MQAdmin} = await import('../../client/admin/mq-admin.js')
    const {MqlabError} = await import('../../cli/mqlab-error.js')
    const admin = new MQAdmin({namesrvAddr: target.namesrvAddrs})
    try {
      const result = await admin.createTopic({topic: args.topic, readQueueNums: flags.queues, writeQueueNums: flags.queues, cluster: flags.cluster})
      if (!this.json) this.log((await import('../../cli/render/topic-report.js')).renderTopicCreate(result))
      const failed = result.brokers.filter((b) => !b.ok)
      if (failed.length > 0) {
        this.fail(
          new MqlabError('CREATE_TOPIC_FAILED', `${failed.length} of ${result.brokers.length} masters did not create ${args.topic}`, {
            suggestion: "see each broker's error above; mqlab cluster shows which brokers are up",
          }),
        )
      }
      return result
    } finally {
      await admin.close()
    }
  }
}
