import {Flags} from '@oclif/core'
import {clientTargetFlags, clientTargetHelp} from '../cli/client-flags.js'
import {ClientCommand} from '../cli/client-command.js'
import {ROUTE_REFRESH_NOTE} from '../client/route-refresh-note.js'
import type {FoundMessage} from '../client/admin/message-query.js'

/** What `mqlab message` returns: messages with their body as text (or base64 when binary). */
export interface MessageResult {
  messages: Array<Omit<FoundMessage['message'], 'body'> & {body: string; bodyEncoding: 'utf8' | 'base64'; servedBy: FoundMessage['servedBy']}>
}

/** `mqlab message`: mqadmin queryMsgById / queryMsgByKey / queryMsgByOffset. */
export default class Message extends ClientCommand {
  static override summary = 'Show one message with its properties and where it is stored: by msg id, key, or queue offset (mqadmin queryMsgById/ByKey/ByOffset)'
  static override description = `--id takes either id a send prints: the offset msg id (it names the broker and commitlog offset; read with VIEW_MESSAGE_BY_ID from that broker, or from a slave of its group when it is down) or the client-made msgId (UNIQ_KEY; found through the brokers' index files with QUERY_MESSAGE, needs --topic). --key finds every message of the topic with that key (index files). --queue and --offset read the message at that consume-queue offset (add --broker when several broker groups serve the topic). The output names the broker — master or slave — that served it. Exits 16 when nothing was found.

${clientTargetHelp(ROUTE_REFRESH_NOTE)}`
  static override examples = [
    '<%= config.bin %> <%= command.id %> --id 7F00000100002A9F0000000000000000',
    '<%= config.bin %> <%= command.id %> --topic TopicTest --id 7F000001ABCD18B4AAC2...',
    '<%= config.bin %> <%= command.id %> --topic TopicTest --key order-42 --json',
    '<%= config.bin %> <%= command.id %> --topic TopicTest --queue 0 --offset 5 --broker broker-a',
  ]
  static override flags = {
    topic: Flags.string({char: 't', description: 'topic (required for --key, --queue and a client msgId)'}),
    id: Flags.string({char: 'i', description: 'offset msg id or client msgId (UNIQ_KEY)', exclusive: ['key', 'queue']}),
    key: Flags.string({char: 'k', description: 'a message key (KEYS)', exclusive: ['id', 'queue'], aliases: ['keys']}),
    queue: Flags.integer({char: 'q', description: 'queue id (with --offset)', min: 0, dependsOn: ['offset'], exclusive: ['id', 'key']}),
    offset: Flags.integer({char: 'o', description: 'consume-queue offset (with --queue)', min: 0, dependsOn: ['queue']}),
    broker: Flags.string({char: 'b', description: 'broker name (with --queue, when several serve the topic)'}),
    ...clientTargetFlags,
  }

  async run(): Promise<MessageResult> {
    const {flags} = await this.parse(Message)
    const {MqlabError} = await import('../cli/mqlab-error.js')
    if (flags.id === undefined && flags.key === undefined && flags.queue === undefined) {
      throw new MqlabError('INVALID_ARGUMENT', 'say which message: --id, --key or --queue with --offset', {
        suggestion: 'e.g. mqlab message --topic TopicTest --queue 0 --offset 0',
      })
    }
    if ((flags.key !== undefined || flags.queue !== undefined) && flags.topic === undefined) {
      throw new MqlabError('INVALID_ARGUMENT', `--${flags.key !== undefined ? 'key' : 'queue'} needs --topic`, {suggestion: 'add --topic T'})
    }
    const target = await this.resolveTarget(flags)
    const {MQAdmin} = await import('../client/admin/mq-admin.js')
    const q = await import('../client/admin/message-query.js')
    const admin = new MQAdmin({namesrvAddr: target.namesrvAddrs})
    try {
      let found: FoundMessage[]
      if (flags.id !== undefined) found = await q.messagesById(admin, flags.id, flags.topic)
      else if (flags.key !== undefined) found = await q.messagesByKey(admin, flags.topic!, flags.key)
      else found = await q.messageAtQueueOffset(admin, flags.topic!, flags.queue!, flags.offset!, flags.broker)
      if (found.length === 0) {
        const what =
          flags.id !== undefined ? `msg id ${flags.id}` : flags.key !== undefined ? `key ${flags.key}` : `queue ${flags.queue} offset ${flags.offset}`
        throw new MqlabError('MESSAGE_NOT_FOUND', `no message found for ${what}${flags.topic ? ` in ${flags.topic}` : ''}`, {
          suggestion:
            flags.id !== undefined && flags.topic === undefined
              ? 'a client msgId (UNIQ_KEY) is looked up in a topic: add --topic T'
              : `mqlab topic status ${flags.topic ?? 'T'} shows the offsets each queue holds`,
        })
      }
      if (!this.json) this.log((await import('../cli/render/message-report.js')).renderMessages(found))
      return {
        messages: found.map(({message, servedBy}) => {
          const text = message.body.toString('utf8')
          const utf8 = (message.sysFlag & 1) === 0 && Buffer.from(text, 'utf8').equals(message.body)
          return {...message, body: utf8 ? text : message.body.toString('base64'), bodyEncoding: utf8 ? 'utf8' : 'base64', servedBy}
        }),
      }
    } finally {
      await admin.close()
    }
  }
}
