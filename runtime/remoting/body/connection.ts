/**
 * Connection, ConsumerConnection and ProducerConnection (common/protocol/body/*.java): bodies of the
 * GET_CONSUMER_CONNECTION_LIST (203) and GET_PRODUCER_CONNECTION_LIST (204) responses
 * (`mqadmin consumerConnection / producerConnection`). Enums are written by name; Java keeps the
 * connections in a HashSet and the subscriptions in a ConcurrentHashMap, so their order means nothing.
 *
 *   {"connectionSet":[{"clientAddr":"127.0.0.1:50000","clientId":"127.0.0.1@1","language":"JAVA","version":409}],
 *    "consumeFromWhere":"CONSUME_FROM_LAST_OFFSET","consumeType":"CONSUME_PASSIVELY","messageModel":"CLUSTERING",
 *    "subscriptionTable":{"T":{"classFilterMode":false,…}}}
 */
import {subscriptionDataFromJson, subscriptionDataToJson, type SubscriptionData} from './subscription-data.js'

/** One client connection. */
export interface Connection {
  clientId: string
  clientAddr: string
  /** LanguageCode name (JAVA, CPP, NODE_JS, …). */
  language: string
  /** MQVersion ordinal. */
  version: number
}

/** A consumer group's connections and what it subscribes. */
export interface ConsumerConnection {
  connectionSet: Connection[]
  subscriptionTable: Record<string, SubscriptionData>
  consumeType?: string
  messageModel?: string
  consumeFromWhere?: string
}

function connectionJson(c: Connection): Record<string, unknown> {
  return {clientAddr: c.clientAddr, clientId: c.clientId, language: c.language, version: c.version}
}

function connectionFromJson(x: unknown): Connection {
  const o = (x ?? {}) as Record<string, unknown>
  return {clientId: String(o.clientId ?? ''), clientAddr: String(o.clientAddr ?? ''), language: String(o.language ?? ''), version: Number(o.version ?? 0)}
}

/** Encodes a ConsumerConnection (fields sorted by name; absent enums left out, as fastjson drops nulls). */
export function encodeConsumerConnection(c: ConsumerConnection): Buffer {
  const subs: Record<string, unknown> = {}
  for (const [topic, s] of Object.entries(c.subscriptionTable)) subs[topic] = subscriptionDataToJson(s)
  return Buffer.from(
    JSON.stringify({
      connectionSet: c.connectionSet.map(connectionJson),
      consumeFromWhere: c.consumeFromWhere,
      consumeType: c.consumeType,
      messageModel: c.messageModel,
      subscriptionTable: subs,
    }),
  )
}

/** Decodes a ConsumerConnection. */
export function decodeConsumerConnection(body: Buffer | string): ConsumerConnection {
  const v = JSON.parse(typeof body === 'string' ? body : body.toString('utf8')) as Record<string, unknown>
  const subscriptionTable: Record<string, SubscriptionData> = {}
  const raw = (v?.subscriptionTable ?? {}) as Record<string, unknown>
  for (const [topic, s] of Object.entries(raw)) subscriptionTable[topic] = subscriptionDataFromJson(s)
  const out: ConsumerConnection = {connectionSet: Array.isArray(v?.connectionSet) ? v.connectionSet.map(connectionFromJson) : [], subscriptionTable}
  for (const k of ['consumeType', 'messageModel', 'consumeFromWhere'] as const) if (typeof v?.[k] === 'string') out[k] = v[k] as string
  return out
}

/** Encodes a ProducerConnection: `{"connectionSet":[…]}`. */
export function encodeProducerConnection(connections: Connection[]): Buffer {
  return Buffer.from(JSON.stringify({connectionSet: connections.map(connectionJson)}))
}

/** Decodes a ProducerConnection. */
export function decodeProducerConnection(body: Buffer | string): Connection[] {
  const v = JSON.parse(typeof body === 'string' ? body : body.toString('utf8')) as {connectionSet?: unknown}
  return Array.isArray(v?.connectionSet) ? v.connectionSet.map(connectionFromJson) : []
}
