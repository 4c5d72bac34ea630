/**
 * SEND_MESSAGE_V2 (310) request and its response as a Java 4.9.8 producer builds and reads them
 * (MQClientAPIImpl.sendMessage / processSendResponse); the header codecs are runtime/remoting's.
 * Response extFields: msgId (the offset msg id), queueId, queueOffset, plus MSG_REGION / TRACE_ON.
 */
import {encodeSendMessageRequestHeaderV2} from '../../../runtime/remoting/header/send-message-request-header-v2.js'
import {decodeSendMessageResponseHeader} from '../../../runtime/remoting/header/send-message-response-header.js'
import {createRequest, type RemotingCommand} from '../../../runtime/remoting/remoting-command.js'
import {RequestCode} from '../../../runtime/remoting/request-code.js'
import {MQBrokerError} from '../client-errors.js'
import type {MessageQueue} from '../route/message-queue.js'
import type {PreparedMessage} from './outgoing-message.js'
import {sendStatusOf, type SendStatus} from './send-status.js'

/** Producer-level header values. */
export interface SendHeaderContext {
  producerGroup: string
  /** The auto-create template topic (createTopicKey, "TBW102"). */
  createTopicKey: string
  /** Queues to create for an unknown topic (defaultTopicQueueNums, 4). */
  defaultTopicQueueNums: number
}

/** Builds the SEND_MESSAGE_V2 request for one message to one queue. */
export function buildSendMessageRequest(msg: PreparedMessage, mq: MessageQueue, ctx: SendHeaderContext, bornTimestamp: number): RemotingCommand {
  const header = encodeSendMessageRequestHeaderV2({
    producerGroup: ctx.producerGroup,
    topic: msg.topic,
    defaultTopic: ctx.createTopicKey,
    defaultTopicQueueNums: ctx.defaultTopicQueueNums,
    queueId: mq.queueId,
    sysFlag: msg.sysFlag,
    bornTimestamp,
    flag: msg.flag,
    properties: msg.propertiesString,
    reconsumeTimes: 0,
    unitMode: false,
    batch: false,
    brokerName: mq.brokerName,
  })
  return createRequest(RequestCode.SEND_MESSAGE_V2, header, msg.body)
}

/** What a stored send tells the producer. */
export interface SendResponse {
  status: SendStatus
  /** The broker's offset msg id. */
  offsetMsgId: string
  queueId: number
  queueOffset: number
}

/** Reads a send response; throws MQBrokerError for any code but 0 / 10 / 11 / 12. */
export function parseSendResponse(response: RemotingCommand, addr: string): SendResponse {
  const status = sendStatusOf(response.code)
  if (status === undefined) throw new MQBrokerError(response.code, response.remark, addr)
  const header = decodeSendMessageResponseHeader(response.extFields)
  return {status, offsetMsgId: header.msgId, queueId: header.queueId, queueOffset: header.queueOffset}
}
