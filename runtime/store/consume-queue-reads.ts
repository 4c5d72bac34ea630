/**
 * The read side that both message stores answer the same way — the classic commitlog's
 * (DefaultMessageStore) and DLedger's (DLedgerMessageStore): queue offsets, times and positions come from
 * the consume queues, bytes from the log those queues point into. Each store names that log: its
 * CommitLog, or the committed view over DLedger's entries. RocketMQ has the same split: DefaultMessageStore
 * answers these for either commitlog through one CommitLog interface.
 */
import {totalmem} from 'node:os'
import type {CommitLog} from './commit-log.js'
import {getEarliestMessageTime, getOffsetInQueueByTime} from './consume-queue-query.js'
import type {ConsumeQueueTable} from './consume-queue-table.js'
import {getMessage} from './get-message.js'
import type {GetMessageResult, MessageFilter} from './message-store.js'

/** What the shared reads need of the log the consume queues index. */
export type QueueIndexedLog = Pick<CommitLog, 'getData' | 'getMinOffset' | 'getMaxOffset' | 'lookMessageByOffset' | 'rollNextFile' | 'getMessage'>

/** The store keys a pull reads with (broker and store configs both carry them). */
export interface MessageReadSettings {
  brokerRole: string
  offsetCheckInSlave?: boolean
  accessMessageInMemoryMaxRatio: number
}

/**
 * The machine's memory does not change while a process runs; os.totalmem() reads /proc/meminfo on Linux,
 * which is too much to do on every pull.
 */
const TOTAL_MEMORY = totalmem()

export abstract class ConsumeQueueReads {
  abstract readonly consumeQueues: ConsumeQueueTable
  /** The log the consume queues point into. */
  protected abstract indexedLog(): QueueIndexedLog

  /** A pull's read, as both stores do it: RocketMQ's offset correction and in-memory budget from the settings. */
  protected readMessages(
    settings: MessageReadSettings,
    topic: string,
    queueId: number,
    offset: number,
    maxMsgNums: number,
    filter?: MessageFilter,
  ): Promise<GetMessageResult> {
    return getMessage(
      {
        commitLog: this.indexedLog(),
        findConsumeQueue: (t, q) => this.consumeQueues.find(t, q),
        correctOffsets: settings.brokerRole !== 'SLAVE' || settings.offsetCheckInSlave === true,
        memoryBytes: (TOTAL_MEMORY * settings.accessMessageInMemoryMaxRatio) / 100,
      },
      topic,
      queueId,
      offset,
      maxMsgNums,
      filter,
    )
  }

  getMaxOffsetInQueue(topic: string, queueId: number): number {
    return this.consumeQueues.find(topic, queueId)?.getMaxOffsetInQueue() ?? 0
  }

  getMinOffsetInQueue(topic: string, queueId: number): number {
    return this.consumeQueues.find(topic, queueId)?.getMinOffsetInQueue() ?? 0
  }

  async getOffsetInQueueByTime(topic: string, queueId: number, timestamp: number): Promise<number> {
    const cq = this.consumeQueues.find(topic, queueId)
    return cq ? getOffsetInQueueByTime(cq, this.indexedLog(), timestamp) : 0
  }

  async getEarliestMessageTime(topic: string, queueId: number): Promise<number> {
    const cq = this.consumeQueues.find(topic, queueId)
    return cq ? getEarliestMessageTime(cq, this.indexedLog()) : -1
  }

  async getCommitLogOffsetInQueue(topic: string, queueId: number, queueOffset: number): Promise<number> {
    const cq = this.consumeQueues.find(topic, queueId)
    if (!cq || queueOffset < cq.getMinOffsetInQueue() || queueOffset >= cq.getMaxOffsetInQueue()) return -1
    return (await cq.getEntry(queueOffset))?.offsetPy ?? -1
  }

  lookMessageByOffset(commitLogOffset: number): Promise<Buffer | undefined> {
    return this.indexedLog().lookMessageByOffset(commitLogOffset)
  }

  getMinPhyOffset(): number {
    return this.indexedLog().getMinOffset()
  }

  getMaxPhyOffset(): number {
    return this.indexedLog().getMaxOffset()
  }

  getTopicQueueIds(): Map<string, number[]> {
    return this.consumeQueues.topicQueueIds()
  }
}
