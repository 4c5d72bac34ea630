/**
 * RocketMQ's default clustering allocation (AllocateMessageQueueAveragely): both lists sorted, each
 * consumer gets a contiguous block of queues; the first (queues % consumers) consumers get one extra.
 * With more consumers than queues, the extra consumers get nothing. Pure.
 */
import {compareMessageQueues, type MessageQueue} from '../route/message-queue.js'

/** The queues `currentCid` owns among `mqAll` shared by `cidAll`; empty if it is not in `cidAll`. */
export function allocateMessageQueueAveragely(currentCid: string, mqAll: readonly MessageQueue[], cidAll: readonly string[]): MessageQueue[] {
  const queues = [...mqAll].sort(compareMessageQueues)
  const cids = [...cidAll].sort()
  const index = cids.indexOf(currentCid)
  if (index < 0 || queues.length === 0) return []
  const mod = queues.length % cids.length
  const base = Math.floor(queues.length / cids.length)
  const averageSize = queues.length <= cids.length ? 1 : mod > 0 && index < mod ? base + 1 : base
  const startIndex = mod > 0 && index < mod ? index * averageSize : index * averageSize + mod
  const range = Math.min(averageSize, queues.length - startIndex)
  const out: MessageQueue[] = []
  for (let i = 0; i < range; i++) out.push(queues[(startIndex + i) % queues.length]!)
  return out
}
