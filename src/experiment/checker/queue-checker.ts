/**
 * The message-fate part of the checker, after Jepsen's total-queue checker and more: which sends were
 * lost, recovered, stored twice or delivered twice, and what was read that nobody sent. Pure.
 *
 * Identity: a send is known by its UNIQ_KEY (msgId), which RocketMQ's producer keeps across the retries
 * of one send, and by its value (body), unique per send. A stored copy is a position (broker group,
 * queue, queue offset). So:
 * - stored twice = one send's msgId at two positions: a retry after an answer that never came (the
 *   first attempt was stored, the producer could not know);
 * - delivered twice = one position delivered more than once: redelivery of one stored message (a
 *   consumer offset that went back, e.g. read from the slave and again from the returned master).
 */
import type {ConsumeRecord, History, SendRecord} from './history.js'

/** A stored copy of a message. */
export interface Position {
  broker: string
  queueId: number
  queueOffset: number
}

/** A send, as the outcome table lists it. */
export interface SendRef {
  seq: number
  value: string
  msgId?: string
  status: string
  outcome: SendRecord['outcome']
  broker?: string
  queueId?: number
  queueOffset?: number
  t: number
}

/** What happened to the messages. */
export interface QueueCheck {
  attempted: number
  acknowledged: number
  /** Acknowledged with a status other than SEND_OK (stored on the master, durability not as asked). */
  degraded: number
  failed: number
  unknown: number
  deliveries: number
  /** Distinct sends delivered at least once. */
  delivered: number
  /** Acknowledged, never delivered. */
  lost: SendRef[]
  /** Unknown outcome, yet delivered: it was stored. */
  recovered: SendRef[]
  /** Unknown outcome, never delivered (not stored, as far as anyone can tell). */
  unknownNotFound: number
  /** Reported failed, yet delivered: the client was told "not stored" wrongly. */
  failedButStored: SendRef[]
  /** One send stored at two or more positions (a retry after a lost answer). */
  storedTwice: Array<{send: SendRef; positions: Position[]}>
  /** One position delivered two or more times (redelivery of one stored message). */
  deliveredTwice: Array<{position: Position; msgId: string; deliveries: number; servedBy: string[]}>
  /** Deliveries of messages no send made. */
  unexpected: Array<{msgId: string; value?: string; position: Position; t: number}>
}

export function positionKey(p: Position): string {
  return `${p.broker}/${p.queueId}/${p.queueOffset}`
}

export function sendRef(s: SendRecord): SendRef {
  return {
    seq: s.seq,
    value: s.value,
    msgId: s.msgId,
    status: s.status,
    outcome: s.outcome,
    broker: s.broker,
    queueId: s.queueId,
    queueOffset: s.queueOffset,
    t: s.t,
  }
}

/** Which send a delivery belongs to, by msgId first, then by value. */
export function sendIndex(sends: readonly SendRecord[]): (c: ConsumeRecord) => SendRecord | undefined {
  const byMsgId = new Map<string, SendRecord>()
  const byValue = new Map<string, SendRecord>()
  for (const s of sends) {
    if (s.msgId !== undefined) byMsgId.set(s.msgId, s)
    byValue.set(s.value, s)
  }
  return (c) => byMsgId.get(c.msgId) ?? (c.value !== undefined ? byValue.get(c.value) : undefined)
}

export function checkQueue(history: Pick<History, 'sends' | 'consumes'>): QueueCheck {
  const find = sendIndex(history.sends)
  const positionsBySeq = new Map<number, Map<string, Position>>()
  const deliveriesByPosition = new Map<string, {position: Position; msgId: string; count: number; servedBy: Set<string>}>()
  const unexpected: QueueCheck['unexpected'] = []
  for (const c of history.consumes) {
    const position: Position = {broker: c.broker, queueId: c.queueId, queueOffset: c.queueOffset}
    const key = positionKey(position)
    const seen = deliveriesByPosition.get(key) ?? {position, msgId: c.msgId, count: 0, servedBy: new Set<string>()}
    seen.count++
    seen.servedBy.add(`${c.broker}#${c.brokerId}`)
    deliveriesByPosition.set(key, seen)
    const send = find(c)
    if (send === undefined) {
      unexpected.push({msgId: c.msgId, value: c.value, position, t: c.t})
      continue
    }
    const positions = positionsBySeq.get(send.seq) ?? new Map<string, Position>()
    positions.set(key, position)
    positionsBySeq.set(send.seq, positions)
  }
  const result: QueueCheck = {
    attempted: history.sends.length,
    acknowledged: 0,
    degraded: 0,
    failed: 0,
    unknown: 0,
    deliveries: history.consumes.length,
    delivered: positionsBySeq.size,
    lost: [],
    recovered: [],
    unknownNotFound: 0,
    failedButStored: [],
    storedTwice: [],
    deliveredTwice: [],
    unexpected,
  }
  for (const s of history.sends) {
    const positions = positionsBySeq.get(s.seq)
    const seen = positions !== undefined
    if (s.outcome === 'ok') {
      result.acknowledged++
      if (s.status !== 'SEND_OK') result.degraded++
      if (!seen) result.lost.push(sendRef(s))
    } else if (s.outcome === 'unknown') {
      result.unknown++
      if (seen) result.recovered.push(sendRef(s))
      else result.unknownNotFound++
    } else {
      result.failed++
      if (seen) result.failedButStored.push(sendRef(s))
    }
    if (positions !== undefined && positions.size > 1) result.storedTwice.push({send: sendRef(s), positions: [...positions.values()]})
  }
  for (const d of deliveriesByPosition.values()) {
    if (d.count > 1) result.deliveredTwice.push({position: d.position, msgId: d.msgId, deliveries: d.count, servedBy: [...d.servedBy].sort()})
  }
  return result
}
