import type {MessageQueue} from '../../remoting/body/lock-batch-request-body.js'

/** How long a queue lock lives without renewal (rocketmq.broker.rebalance.lockMaxLiveTime, 60 s). */
export const REBALANCE_LOCK_MAX_LIVE_TIME_MS = 60_000

/**
 * Queue locks for orderly consumers (RocketMQ broker/client/rebalance/RebalanceLockManager.java): a
 * queue of a group is owned by one client id until it unlocks or stops renewing for 60 s.
 */
export class RebalanceLockManager {
  private readonly groups = new Map<string, Map<string, {clientId: string; lastUpdate: number}>>()

  constructor(
    private readonly clock: () => number = Date.now,
    private readonly maxLiveTimeMs = REBALANCE_LOCK_MAX_LIVE_TIME_MS,
  ) {}

  /** Locks (or renews) every queue the client may own; returns those it now holds. */
  tryLockBatch(group: string, mqs: MessageQueue[], clientId: string): MessageQueue[] {
    let locks = this.groups.get(group)
    if (!locks) {
      locks = new Map()
      this.groups.set(group, locks)
    }
    const now = this.clock()
    const ok: MessageQueue[] = []
    for (const mq of mqs) {
      const key = mqKey(mq)
      const held = locks.get(key)
      if (!held || held.clientId === clientId || now - held.lastUpdate > this.maxLiveTimeMs) {
        locks.set(key, {clientId, lastUpdate: now})
        ok.push(mq)
      }
    }
    return ok
  }

  /** Releases the queues the client holds. */
  unlockBatch(group: string, mqs: MessageQueue[], clientId: string): void {
    const locks = this.groups.get(group)
    if (!locks) return
    for (const mq of mqs) {
      const key = mqKey(mq)
      if (locks.get(key)?.clientId === clientId) locks.delete(key)
    }
  }

  /** Whether the client holds a live lock on the queue. */
  isLocked(group: string, mq: MessageQueue, clientId: string): boolean {
    const held = this.groups.get(group)?.get(mqKey(mq))
    return held !== undefined && held.clientId === clientId && this.clock() - held.lastUpdate <= this.maxLiveTimeMs
  }
}

function mqKey(mq: MessageQueue): string {
  return `${mq.topic}\u0000${mq.brokerName}\u0000${mq.queueId}`
}
