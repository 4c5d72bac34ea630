import {MessageConst} from '../../message/message-const.js'
import {decodeBatchBody} from '../../message/message-batch-codec.js'
import type {MessageExtBrokerInner} from '../../message/message-ext-broker-inner.js'
import {encodeMessageProperties, parseMessageProperties} from '../../message/message-properties.js'
import {MessageSysFlag} from '../../message/message-sys-flag.js'
import {tagsString2tagsCode} from '../../message/tags-code.js'
import {decodeSendMessageRequestHeader, type SendMessageRequestHeader} from '../../remoting/header/send-message-request-header.js'
import {decodeSendMessageRequestHeaderV2} from '../../remoting/header/send-message-request-header-v2.js'
import {encodeSendMessageResponseHeader} from '../../remoting/header/send-message-response-header.js'
import {createResponse, type RemotingCommand} from '../../remoting/remoting-command.js'
import type {RemotingConnection} from '../../remoting/remoting-server.js'
import {RequestCode} from '../../remoting/request-code.js'
import {ResponseCode} from '../../remoting/response-code.js'
import type {PutMessageResult} from '../../store/message-store.js'
import type {BrokerContext} from '../broker-context.js'
import {toScheduledMessage} from '../schedule/delay-message.js'
import {putMessageStatusToResponse} from './put-message-status-code.js'
import {handleRetryAndDLQ, isRefusal, msgCheck, randomQueueId, type SendRefusal} from './send-message-check.js'

/** Properties must fit the record's int16 length field. */
const MAX_PROPERTIES_LENGTH = 32767

const SERVICE_NOT_AVAILABLE_REMARK =
  "service not available now. It may be caused by one of the following reasons: the broker's disk is full, messages are put to the slave, message store has been shut down, etc."

/**
 * SEND_MESSAGE (10), SEND_MESSAGE_V2 (310) and SEND_BATCH_MESSAGE (320) (RocketMQ
 * SendMessageProcessor): checks, auto-creation, retry→DLQ rerouting, then the store. The stored message
 * gets CLUSTER added and WAIT removed, the connection's address as bornHost and brokerIP1:listenPort as
 * storeHost. Every response carries MSG_REGION and TRACE_ON; a stored one also msgId/queueId/queueOffset.
 */
export async function processSendMessage(request: RemotingCommand, connection: RemotingConnection, ctx: BrokerContext): Promise<RemotingCommand> {
  const h = request.code === RequestCode.SEND_MESSAGE ? decodeSendMessageRequestHeader(request.extFields) : decodeSendMessageRequestHeaderV2(request.extFields)
  // `fields` is always a fresh object here, so the two broker fields are added in place (no copy per send).
  const answer = (code: number, remark?: string, fields: Record<string, string | number> = {}) => {
    fields[MessageConst.MSG_REGION] = 'DefaultRegion'
    fields[MessageConst.TRACE_ON] = 'true'
    return createResponse(request, code, remark, fields)
  }

  const checked = msgCheck(ctx, h, connection)
  if (isRefusal(checked)) return answer(checked.code, checked.remark)
  if (ctx.config.brokerRole === 'SLAVE') return answer(ResponseCode.SERVICE_NOT_AVAILABLE, SERVICE_NOT_AVAILABLE_REMARK)
  const {topicConfig} = checked
  if (topicConfig.writeQueueNums <= 0 && h.queueId < 0) return answer(ResponseCode.SYSTEM_ERROR, `topic[${h.topic}] has no write queue`)
  const queueId = h.queueId < 0 ? randomQueueId(topicConfig.writeQueueNums) : h.queueId

  const body = request.body ?? Buffer.alloc(0)
  const built = h.batch ? buildBatch(ctx, h, body, queueId, connection) : buildSingle(ctx, h, request.version, body, queueId, connection)
  if (isRefusal(built)) return answer(built.code, built.remark)

  let result: PutMessageResult
  try {
    result = built.length === 1 && !h.batch ? await ctx.store.putMessage(built[0]!) : await ctx.store.putMessages(built)
  } catch (error) {
    ctx.logger.error(`putting a message into ${built[0]?.topic} failed`, error)
    return answer(ResponseCode.SYSTEM_ERROR, `store putMessage failed: ${error instanceof Error ? error.message : String(error)}`)
  }
  const status = putMessageStatusToResponse(result.status, {maxMessageSize: ctx.config.maxMessageSize}, result.remark)
  if (!status.stored || !result.appendResult) return answer(status.code, status.remark)
  ctx.stats.incPut(result.appendResult.msgNum, h.topic, result.appendResult.wroteBytes)
  return answer(
    status.code,
    status.remark,
    encodeSendMessageResponseHeader({msgId: result.appendResult.msgId, queueId, queueOffset: result.appendResult.logicsOffset}),
  )
}

/**
 * The record handed to the store for one message of a send: header fields, the connection as bornHost,
 * the encoded properties (refused when the body or properties exceed RocketMQ's limits).
 */
function toBrokerInner(
  ctx: BrokerContext,
  h: SendMessageRequestHeader,
  connection: RemotingConnection,
  topic: string,
  queueId: number,
  flag: number,
  body: Buffer,
  properties: Record<string, string>,
): MessageExtBrokerInner | SendRefusal {
  const propertiesString = encodeMessageProperties(properties)
  const tooBig = sizeRefusal(ctx, body.length, propertiesString)
  if (tooBig) return tooBig
  return {
    topic,
    queueId,
    flag,
    body,
    propertiesString,
    sysFlag: h.sysFlag,
    bornTimestamp: h.bornTimestamp,
    bornHost: {ip: connection.remoteHost, port: connection.remotePort},
    storeHost: ctx.storeHost,
    reconsumeTimes: h.reconsumeTimes ?? 0,
    preparedTransactionOffset: 0,
    tagsCode: tagsString2tagsCode(properties[MessageConst.TAGS]),
  }
}

function sizeRefusal(ctx: BrokerContext, bodyLength: number, propertiesString: string): SendRefusal | undefined {
  const limit = ctx.config.maxMessageSize
  if (bodyLength > limit) {
    return {
      code: ResponseCode.MESSAGE_ILLEGAL,
      remark: `the message is illegal, maybe msg body or properties length not matched. msg body length limit ${limit}B, msg properties length limit 32KB. (message body size ${bodyLength} exceeds maxMessageSize ${limit})`,
    }
  }
  const propsLength = Buffer.byteLength(propertiesString)
  if (propsLength > MAX_PROPERTIES_LENGTH) {
    return {
      code: ResponseCode.MESSAGE_ILLEGAL,
      remark: `the message is illegal, maybe msg body or properties length not matched. msg body length limit ${limit}B, msg properties length limit 32KB. (properties length ${propsLength} exceeds ${MAX_PROPERTIES_LENGTH})`,
    }
  }
  return undefined
}

function buildSingle(
  ctx: BrokerContext,
  h: SendMessageRequestHeader,
  requestVersion: number,
  body: Buffer,
  queueId: number,
  connection: RemotingConnection,
): MessageExtBrokerInner[] | SendRefusal {
  const routed = handleRetryAndDLQ(ctx, h, requestVersion, h.topic, queueId)
  if (isRefusal(routed)) return routed
  const properties = parseMessageProperties(h.properties ?? '')
  properties[MessageConst.CLUSTER] = ctx.config.brokerClusterName
  // 4.9.8 does not store WAIT ("no need to store WAIT=true", SendMessageProcessor).
  delete properties[MessageConst.WAIT]
  if (routed.toDLQ) delete properties[MessageConst.DELAY]
  const msg = toBrokerInner(ctx, h, connection, routed.topic, routed.queueId, h.flag, body, properties)
  if (isRefusal(msg)) return msg
  const transactionType = h.sysFlag & MessageSysFlag.TRANSACTION_ROLLBACK_TYPE
  if (transactionType === MessageSysFlag.TRANSACTION_NOT_TYPE || transactionType === MessageSysFlag.TRANSACTION_COMMIT_TYPE) {
    return [toScheduledMessage(msg, properties, ctx.scheduleMessageService.maxDelayLevel)]
  }
  return [msg]
}

function buildBatch(
  ctx: BrokerContext,
  h: SendMessageRequestHeader,
  body: Buffer,
  queueId: number,
  connection: RemotingConnection,
): MessageExtBrokerInner[] | SendRefusal {
  if (h.topic.length > 127) return {code: ResponseCode.MESSAGE_ILLEGAL, remark: `message topic length too long ${h.topic.length}`}
  const batchProps = parseMessageProperties(h.properties ?? '')
  // CommitLog.asyncPutMessages: transactional or delayed batches are illegal.
  if ((h.sysFlag & MessageSysFlag.TRANSACTION_ROLLBACK_TYPE) !== 0 || Number(batchProps[MessageConst.DELAY] ?? 0) > 0) {
    return {code: ResponseCode.MESSAGE_ILLEGAL, remark: 'the message is illegal: batch messages cannot be transactional or delayed'}
  }
  let messages
  try {
    messages = decodeBatchBody(body)
  } catch (error) {
    return {code: ResponseCode.MESSAGE_ILLEGAL, remark: `the batch body is illegal: ${error instanceof Error ? error.message : String(error)}`}
  }
  if (messages.length === 0) return {code: ResponseCode.MESSAGE_ILLEGAL, remark: 'the batch body holds no message'}
  const out: MessageExtBrokerInner[] = []
  for (const m of messages) {
    // 4.9.x appends the batch-level properties (CLUSTER…) to every message of the batch.
    const properties: Record<string, string> = {...m.properties, ...batchProps, [MessageConst.CLUSTER]: ctx.config.brokerClusterName}
    delete properties[MessageConst.WAIT]
    const msg = toBrokerInner(ctx, h, connection, h.topic, queueId, m.flag, m.body, properties)
    if (isRefusal(msg)) return msg
    out.push(msg)
  }
  return out
}
