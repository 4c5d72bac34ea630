/**
 * Order, for ordered workloads. Pure. Two views:
 * - per queue: a consumer's first deliveries of a queue's positions must come in queue-offset order
 *   (a step back that is not a redelivery means the queue was read out of order);
 * - per key: messages of one key, sent one after another to one queue, must be first delivered in the
 *   order they were acknowledged (RocketMQ's ordered-message promise, which a failover can break when a
 *   key's queue moves to another group).
 */
import type {History, SendRecord} from './history.js'
import {positionKey, sendIndex} from './queue-checker.js'

/** One order violation. */
export interface Reorder {
  kind: 'queue' | 'key'
  /** broker/queueId, or the key. */
  where: string
  /** The message delivered out of order, and the one delivered before it that should have followed it. */
  msgId: string
  after: string
  t: number
}

export function checkOrder(history: Pick<History, 'sends' | 'consumes'>): Reorder[] {
  const out: Reorder[] = []
  const find = sendIndex(history.sends)
  const firstSeen = new Set<string>()
  // per (consumer, queue): highest offset first-delivered so far
  const queueMax = new Map<string, {offset: number; msgId: string}>()
  // per (consumer, key): highest send seq first-delivered so far
  const keyMax = new Map<string, {seq: number; msgId: string}>()
  const consumes = [...history.consumes].sort((a, b) => a.t - b.t)
  for (const c of consumes) {
    const pos = positionKey(c)
    const first = !firstSeen.has(pos)
    firstSeen.add(pos)
    if (!first) continue
    const qk = `${c.consumer}|${c.broker}/${c.queueId}`
    const qm = queueMax.get(qk)
    if (qm !== undefined && c.queueOffset < qm.offset) out.push({kind: 'queue', where: `${c.broker}/${c.queueId}`, msgId: c.msgId, after: qm.msgId, t: c.t})
    else queueMax.set(qk, {offset: c.queueOffset, msgId: c.msgId})
    const send: SendRecord | undefined = find(c)
    if (send?.key === undefined || send.outcome !== 'ok') continue
    const kk = `${c.consumer}|${send.key}`
    const km = keyMax.get(kk)
    if (km !== undefined && send.seq < km.seq) out.push({kind: 'key', where: send.key, msgId: c.msgId, after: km.msgId, t: c.t})
    else keyMax.set(kk, {seq: send.seq, msgId: c.msgId})
  }
  return out
}
