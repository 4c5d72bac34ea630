import {Args} from '@oclif/core'
import {clientTargetFlags, clientTargetHelp} from '../../cli/client-flags.js'
import {ClientCommand} from '../../cli/client-command.js'
import {ROUTE_REFRESH_NOTE} from '../../client/route-refresh-note.js'
import type {TopicStatusResult} from '../../client/admin/topic-admin.js'

/** `mqlab topic status T`: mqadmin topicStatus. */
export default class TopicStatus extends ClientCommand {
  static override summary = "Show a topic's queues on every broker: min/max offset, messages kept, last store time (mqadmin topicStatus)"
  static override description = `Asks each broker group of the topic's route for GET_TOPIC_STATS_INFO: its master, or a slave when the master does not answer (the output names which). Offsets are consume-queue indexes: max offset is the next one to be written; min offset moves up as retention deletes old files. Exits 11 for an unknown topic, 14 when no broker of some group answered.

${clientTargetHelp(ROUTE_REFRESH_NOTE)}`
  static override examples = [
    '<%= config.bin %> <%= command.id %> TopicTest',
    '<%= config.bin %> <%= command.id %> TopicTest --json',
    '<%= config.bin %> <%= command.id %> TopicTest --dir /tmp/lab2',
  ]
  static override args = {topic: Args.string({description: 'topic name', required: true})}
  static override flags = {...clientTargetFlags}

  async run(): Promise<TopicStatusResult> {
    const {args, flags} = await this.parse(TopicStatus)
    const target = await this.resolveTarget(flags)
    const {MQAdmin} = await import('../../client/admin/mq-admin.js')
    const {topicStatus} = await import('../../client/admin/topic-admin.js')
    const {MqlabError} = await import('../../cli/mqlab-error.js')
    const admin = new MQAdmin({namesrvAddr: target.namesrvAddrs})
    try {
      const result = await topicStatus(admin, args.topic)
      if (!this.json) this.log((await import('../../cli/render/admin-topic-report.js')).renderTopicStatus(result))
      if (result.unanswered.length > 0) {
        this.fail(
          new MqlabError('BROKER_ERROR', `no broker of ${result.unanswered.map((u) => u.brokerName).join(', ')} answered`, {
            suggestion: 'see mqlab status and mqlab cluster',
          }),
        )
      }
      return result
    } finally {
      await admin.close()
    }
  }
}
