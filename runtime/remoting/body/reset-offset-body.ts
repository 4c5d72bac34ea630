/**
 * ResetOffsetBody (common/protocol/body/ResetOffsetBody.java): body of the INVOKE_BROKER_TO_RESET_OFFSET
 * (222) response and of the RESET_CONSUMER_CLIENT_OFFSET (220) request the broker sends to each client
 * of the group — the new offset of every queue:
 *
 *   {"offsetTable":{{"brokerName":"broker-a","queueId":0,"topic":"T"}:0}}
 */
import {entries, field, messageQueueFromFj, parseFastjsonValue} from './fastjson-reader.js'
import {messageQueueMapJson} from './fastjson-writer.js'
import type {MessageQueue} from './lock-batch-request-body.js'

/** Queue → new consumer offset. */
export type ResetOffsetBody = Array<[MessageQueue, number]>

/** Encodes as fastjson does. */
export function encodeResetOffsetBody(table: ResetOffsetBody): Buffer {
  return Buffer.from(`{"offsetTable":${messageQueueMapJson(table.map(([mq, n]) => [mq, String(n)] as const))}}`)
}

/** Decodes fastjson's text. */
export function decodeResetOffsetBody(body: Buffer | string): ResetOffsetBody {
  return entries(field(parseFastjsonValue(body), 'offsetTable')).map(([k, v]) => [messageQueueFromFj(k), typeof v === 'number' ? v : Number(v)])
}
