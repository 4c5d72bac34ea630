/**
 * HeartbeatData (common/protocol/heartbeat/HeartbeatData.java, ConsumerData.java, ProducerData.java):
 * the body of HEART_BEAT (34).
 *
 *   {"clientID":"10.0.0.1@1234",
 *    "consumerDataSet":[{"consumeFromWhere":"CONSUME_FROM_FIRST_OFFSET","consumeType":"CONSUME_PASSIVELY",
 *      "groupName":"GID_test","messageModel":"CLUSTERING","subscriptionDataSet":[…SubscriptionData…],
 *      "unitMode":false}],
 *    "producerDataSet":[{"groupName":"PID_test"}]}
 */
import {subscriptionDataFromJson, subscriptionDataToJson, type SubscriptionData} from './subscription-data.js'

/** "CONSUME_PASSIVELY" (push) or "CONSUME_ACTIVELY" (pull). */
export type ConsumeType = string
/** "CLUSTERING" or "BROADCASTING". */
export type MessageModel = string

/** One consumer group of the client. */
export interface ConsumerData {
  groupName: string
  consumeType: ConsumeType
  messageModel: MessageModel
  consumeFromWhere: string
  subscriptionDataSet: SubscriptionData[]
  unitMode: boolean
}

/** One producer group of the client. */
export interface ProducerData {
  groupName: string
}

/** A HEART_BEAT body. */
export interface HeartbeatData {
  clientID: string
  producerDataSet: ProducerData[]
  consumerDataSet: ConsumerData[]
}

/** Decodes a HEART_BEAT body; throws when it is not JSON or lacks clientID or group names. */
export function decodeHeartbeatData(body: Buffer | undefined): HeartbeatData {
  if (body === undefined || body.length === 0) throw new Error('heartbeat without body')
  const parsed = JSON.parse(body.toString('utf8')) as unknown
  if (typeof parsed !== 'object' || parsed === null) throw new Error('heartbeat body is not an object')
  const v = parsed as Record<string, unknown>
  if (typeof v.clientID !== 'string' || v.clientID === '') throw new Error('heartbeat without clientID')
  const list = (x: unknown, what: string): unknown[] => {
    if (x === undefined || x === null) return []
    if (!Array.isArray(x)) throw new Error(`${what} is not an array`)
    return x
  }
  const groupName = (x: unknown, what: string): string => {
    const g = (x as Record<string, unknown> | null)?.groupName
    if (typeof g !== 'string' || g === '') throw new Error(`${what} without groupName`)
    return g
  }
  return {
    clientID: v.clientID,
    producerDataSet: list(v.producerDataSet, 'producerDataSet').map((p) => ({groupName: groupName(p, 'producer')})),
    consumerDataSet: list(v.consumerDataSet, 'consumerDataSet').map((c) => {
      const o = c as Record<string, unknown>
      return {
        groupName: groupName(c, 'consumer'),
        consumeType: typeof o.consumeType === 'string' ? o.consumeType : 'CONSUME_PASSIVELY',
        messageModel: typeof o.messageModel === 'string' ? o.messageModel : 'CLUSTERING',
        consumeFromWhere: typeof o.consumeFromWhere === 'string' ? o.consumeFromWhere : 'CONSUME_FROM_LAST_OFFSET',
        subscriptionDataSet: list(o.subscriptionDataSet, 'subscriptionDataSet').map(subscriptionDataFromJson),
        unitMode: o.unitMode === true || o.unitMode === 'true',
      }
    }),
  }
}

/** Encodes a HEART_BEAT body as a Java client does (fastjson key order). */
export function encodeHeartbeatData(h: HeartbeatData): Buffer {
  return Buffer.from(
    JSON.stringify({
      clientID: h.clientID,
      consumerDataSet: h.consumerDataSet.map((c) => ({
        consumeFromWhere: c.consumeFromWhere,
        consumeType: c.consumeType,
        groupName: c.groupName,
        messageModel: c.messageModel,
        subscriptionDataSet: c.subscriptionDataSet.map(subscriptionDataToJson),
        unitMode: c.unitMode,
      })),
      producerDataSet: h.producerDataSet.map((p) => ({groupName: p.groupName})),
    }),
  )
}
