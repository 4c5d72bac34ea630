/** A message as the store takes it, built from plain values (embedding a store without a broker: benchmarks, tests). */
import type {MessageExtBrokerInner} from './message-ext-broker-inner.js'
import {encodeMessageProperties} from './message-properties.js'
import {tagsString2tagsCode} from './tags-code.js'

/** A message for topic/queue with a body and optional tag and extra properties, born and stored on loopback. */
export function innerMessage(topic: string, queueId: number, body: string | Buffer, tags?: string, props: Record<string, string> = {}): MessageExtBrokerInner {
  const properties: Record<string, string> = {...props}
  if (tags !== undefined) properties.TAGS = tags
  return {
    topic,
    queueId,
    flag: 0,
    body: typeof body === 'string' ? Buffer.from(body) : body,
    propertiesString: encodeMessageProperties(properties),
    sysFlag: 0,
    bornTimestamp: 1_700_000_000_000,
    bornHost: {ip: '127.0.0.1', port: 50000},
    storeHost: {ip: '127.0.0.1', port: 10911},
    reconsumeTimes: 0,
    preparedTransactionOffset: 0,
    tagsCode: tagsString2tagsCode(tags),
  }
}
