/**
 * One queue this consumer owns during a run (RocketMQ's ProcessQueue + PullRequest + the offset-store
 * entry for it): where the next pull starts, how far messages were delivered (the offset to commit),
 * what was last committed, and which brokerId the broker suggested pulling from next.
 */
import type {MessageQueue} from '../route/message-queue.js'
import {MASTER_ID} from '../route/topic-route-view.js'

/** Per-queue pull and offset state. */
export class ProcessQueue {
  /** Offset of the next pull. */
  nextOffset: number
  /** Next offset to consume: everything before it was delivered or filtered out. */
  consumedOffset: number
  /** The last offset successfully committed to a broker. */
  committedOffset: number | undefined
  /** suggestWhichBrokerId of the last pull (PullAPIWrapper.pullFromWhichNodeTable). */
  pullFromBrokerId = MASTER_ID
  /** brokerId that served the last successful pull. */
  lastServedByBrokerId: number | undefined
  delivered = 0
  /** Set once a pull found nothing more to read (for consume's exit-at-end). */
  atEnd = false
  /** Set when rebalancing gave the queue to another consumer, or the run ended. */
  dropped = false

  constructor(
    readonly mq: MessageQueue,
    readonly startOffset: number,
    /** The group's committed offset the start came from; undefined when the start was a fallback (first/last). */
    storedOffset: number | undefined,
  ) {
    this.nextOffset = startOffset
    this.consumedOffset = startOffset
    this.committedOffset = storedOffset
  }

  /**
   * Whether the consumed offset differs from what the broker has. A start taken from a fallback counts
   * as uncommitted, so a run that found nothing still records where it stood, as Java's
   * correctTagsOffset does; the next run with the group continues from there.
   */
  isDirty(): boolean {
    return this.consumedOffset !== this.committedOffset
  }
}
