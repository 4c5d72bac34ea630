/**
 * Consumer offsets committed to a SLAVE, kept so that the master's copy cannot roll them back.
 *
 * While a master is dead, consumers read from its slave and commit their offsets there. RocketMQ's slave
 * then overwrites its whole offset table with the master's every 10 s once the master is back
 * (SlaveSynchronize.syncConsumerOffset, putAll), so those commits are lost and a consumer that asks
 * again replays what it already consumed (apache/rocketmq#1094). mqlab remembers each offset committed
 * on the slave until the master's copy has reached it: a sync keeps max(slave commit, master) for those
 * queues and reports the ones where the slave is ahead, which the slave then commits to the master, so
 * the returned master learns them too. Once the master has caught up, the master is the reference
 * again (an administrator's rewind on the master is then copied as RocketMQ does).
 */

/** A queue whose offset on this slave is ahead of the master's. */
export interface OffsetAhead {
  /** `topic@group`. */
  key: string
  queueId: number
  /** What consumers committed here. */
  offset: number
  /** The master's offset, or -1 when the master has none for this queue. */
  masterOffset: number
}

/** A consumer-offset table as RocketMQ serializes it: `topic@group` → queue id → offset. */
export type OffsetTable = Record<string, Record<string, number>>

/** The offsets committed to this broker while a slave, not yet confirmed by the master. */
export class SlaveCommittedOffsets {
  private readonly table = new Map<string, Map<number, number>>()

  /** Remembers a commit made on the slave (the latest per queue: a consumer may rewind). */
  record(key: string, queueId: number, offset: number): void {
    let queues = this.table.get(key)
    if (!queues) {
      queues = new Map()
      this.table.set(key, queues)
    }
    queues.set(queueId, offset)
  }

  /** How many queues are remembered. */
  get size(): number {
    let n = 0
    for (const q of this.table.values()) n += q.size
    return n
  }

  /**
   * Merges the master's table with the remembered commits: the result holds every key of the master's
   * table plus every remembered key, with max(remembered, master) per queue. Commits the master has
   * reached are forgotten. Returns the merged table and the queues where this slave is ahead.
   */
  merge(master: OffsetTable): {merged: Map<string, Map<number, number>>; ahead: OffsetAhead[]} {
    const merged = new Map<string, Map<number, number>>()
    for (const [key, queues] of Object.entries(master)) {
      merged.set(key, new Map(Object.entries(queues).map(([q, o]) => [Number(q), o])))
    }
    const ahead: OffsetAhead[] = []
    for (const [key, remembered] of this.table) {
      let queues = merged.get(key)
      if (!queues) {
        queues = new Map()
        merged.set(key, queues)
      }
      for (const [queueId, offset] of [...remembered]) {
        const masterOffset = queues.get(queueId)
        if (masterOffset !== undefined && masterOffset >= offset) {
          remembered.delete(queueId)
          continue
        }
        queues.set(queueId, offset)
        ahead.push({key, queueId, offset, masterOffset: masterOffset ?? -1})
      }
      if (remembered.size === 0) this.table.delete(key)
    }
    return {merged, ahead}
  }
}
