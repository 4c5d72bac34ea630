import type {Logger} from '../../common/logger.js'
import {silentLogger} from '../../common/logger.js'
import type {MessageFilter} from '../../store/message-store.js'
import {scheduleWithFixedDelay, type Timers} from '../../common/timers.js'

/** Why a held pull was released. */
export type HoldOutcome = 'ARRIVED' | 'TIMEOUT' | 'SHUTDOWN'

/** A pull parked until a message arrives at its queue or its suspend time ends (RocketMQ PullRequest). */
interface HeldPull {
  topic: string
  queueId: number
  /** The queue offset the consumer asked for; a message at or after it wakes the pull. */
  pullFromThisOffset: number
  /** Decides from the consume-queue tagsCode whether an arriving message is one the consumer wants. */
  filter: MessageFilter | undefined
  timer: unknown
  release: (outcome: HoldOutcome) => void
}

/** Options of the hold service. */
export interface PullRequestHoldServiceOptions {
  /** Next queue offset to be written (the store's getMaxOffsetInQueue). */
  getMaxOffset(topic: string, queueId: number): number
  timers: Timers
  /** How often held pulls are re-checked against the store, in case an arrival was missed (RocketMQ: 5 s). */
  checkIntervalMs?: number
  logger?: Logger
}

/**
 * Long polling (RocketMQ broker/longpolling/PullRequestHoldService.java). A pull that finds nothing new
 * and may be suspended is parked here; `hold` resolves when the store reports a matching message for
 * that queue (notifyMessageArriving, fed by the store's MessageArrivingListener), when its suspend time
 * ends, or at shutdown. The pull processor then re-runs the pull without suspending and answers.
 * Nothing polls in a loop: each held pull has one timer, plus one slow safety re-check for all.
 */
export class PullRequestHoldService {
  private readonly held = new Map<string, Set<HeldPull>>()
  private readonly logger: Logger
  private stopCheck: (() => void) | undefined
  private shutDown = false

  constructor(private readonly options: PullRequestHoldServiceOptions) {
    this.logger = options.logger ?? silentLogger
  }

  /** Starts the periodic safety re-check. */
  start(): void {
    const interval = this.options.checkIntervalMs ?? 5000
    this.stopCheck = scheduleWithFixedDelay(
      this.options.timers,
      () => this.checkHoldRequest(),
      interval,
      interval,
      (e) => this.logger.error('checking held pull requests failed', e),
    )
  }

  /** Releases every held pull with SHUTDOWN and stops the re-check. */
  shutdown(): void {
    this.shutDown = true
    this.stopCheck?.()
    for (const set of this.held.values()) for (const h of [...set]) this.finish(h, 'SHUTDOWN')
    this.held.clear()
  }

  /**
   * Parks a pull of `topic`/`queueId` from `pullFromThisOffset` for at most `timeoutMs`. If a message is
   * already there (it arrived while the pull was being answered), it is released at once.
   */
  hold(topic: string, queueId: number, pullFromThisOffset: number, timeoutMs: number, filter?: MessageFilter): Promise<HoldOutcome> {
    if (this.shutDown) return Promise.resolve('SHUTDOWN')
    return new Promise<HoldOutcome>((resolve) => {
      const h: HeldPull = {topic, queueId, pullFromThisOffset, filter, timer: undefined, release: resolve}
      const key = buildKey(topic, queueId)
      let set = this.held.get(key)
      if (!set) {
        set = new Set()
        this.held.set(key, set)
      }
      set.add(h)
      h.timer = this.options.timers.setTimeout(() => this.finish(h, 'TIMEOUT'), Math.max(0, timeoutMs))
      if (this.options.getMaxOffset(topic, queueId) > pullFromThisOffset) this.finish(h, 'ARRIVED')
    })
  }

  /**
   * A message was dispatched to topic/queueId; `maxOffset` is the queue's next offset after it. Wakes
   * the pulls waiting at or below it whose filter accepts the tagsCode (RocketMQ notifyMessageArriving).
   */
  notifyMessageArriving(topic: string, queueId: number, maxOffset: number, tagsCode?: number): void {
    const set = this.held.get(buildKey(topic, queueId))
    if (!set) return
    for (const h of [...set]) {
      let newest = maxOffset
      if (newest <= h.pullFromThisOffset) newest = this.options.getMaxOffset(topic, queueId)
      if (newest <= h.pullFromThisOffset) continue
      const matched = tagsCode === undefined || h.filter === undefined || h.filter(tagsCode)
      if (matched) this.finish(h, 'ARRIVED')
    }
  }

  /** Re-checks every held pull against the store's max offsets (the periodic part of RocketMQ's loop). */
  checkHoldRequest(): void {
    for (const set of [...this.held.values()]) {
      const first = set.values().next().value
      if (!first) continue
      const max = this.options.getMaxOffset(first.topic, first.queueId)
      this.notifyMessageArriving(first.topic, first.queueId, max)
    }
  }

  /** How many pulls are held now (for tests and runtime info). */
  get size(): number {
    let n = 0
    for (const set of this.held.values()) n += set.size
    return n
  }

  private finish(h: HeldPull, outcome: HoldOutcome): void {
    const key = buildKey(h.topic, h.queueId)
    const set = this.held.get(key)
    if (!set?.delete(h)) return
    if (set.size === 0) this.held.delete(key)
    this.options.timers.clearTimeout(h.timer)
    h.release(outcome)
  }
}

function buildKey(topic: string, queueId: number): string {
  return `${topic}@${queueId}`
}
