import type {MessageExtBrokerInner} from '../message/message-ext-broker-inner.js'

/**
 * The store as the broker sees it (RocketMQ's MessageStore). DefaultMessageStore implements it over a
 * commitlog of fixed-size segments, consume queues, a checkpoint, and lock/abort files.
 *
 * Offsets are JS numbers: commitlog offsets stay far below 2^53 for any lab.
 */
export interface MessageStore {
  /** Takes the lock, recovers (normal or abnormal, by the abort file), starts dispatch, flush and retention. */
  start(): Promise<void>
  /** Flushes everything, stops services, deletes the abort file and releases the lock. */
  shutdown(): Promise<void>

  /** Appends one message; resolves when its flush (per flushDiskType) and replication waits are over. */
  putMessage(msg: MessageExtBrokerInner): Promise<PutMessageResult>
  /** Appends messages of one topic and queue contiguously (SEND_BATCH_MESSAGE). */
  putMessages(msgs: MessageExtBrokerInner[]): Promise<PutMessageResult>

  /** Reads up to maxMsgNums whole records from a consume queue, starting at a queue offset. */
  getMessage(group: string, topic: string, queueId: number, offset: number, maxMsgNums: number, filter?: MessageFilter): Promise<GetMessageResult>

  /** Next queue offset to be written (consume-queue index). */
  getMaxOffsetInQueue(topic: string, queueId: number): number
  getMinOffsetInQueue(topic: string, queueId: number): number
  /** First queue offset whose store time is >= timestamp (SEARCH_OFFSET_BY_TIMESTAMP). */
  getOffsetInQueueByTime(topic: string, queueId: number, timestamp: number): Promise<number>
  getEarliestMessageTime(topic: string, queueId: number): Promise<number>
  /** Commitlog offset of the record at a queue offset, or -1. */
  getCommitLogOffsetInQueue(topic: string, queueId: number, queueOffset: number): Promise<number>
  /** The whole stored record at a commitlog offset (VIEW_MESSAGE_BY_ID, CONSUMER_SEND_MSG_BACK). */
  lookMessageByOffset(commitLogOffset: number): Promise<Buffer | undefined>

  /**
   * Whole records of a topic indexed under a key (KEYS word or unique key) and stored in [begin, end]
   * (QUERY_MESSAGE); absent when the store has no index.
   */
  queryMessage?(
    topic: string,
    key: string,
    maxNum: number,
    begin: number,
    end: number,
  ): Promise<{messages: Buffer[]; indexLastUpdateTimestamp: number; indexLastUpdatePhyoffset: number}>

  getMinPhyOffset(): number
  getMaxPhyOffset(): number
  /** Queue ids with a consume queue, per topic (for GET_ALL_TOPIC_CONFIG fix-ups and stats). */
  getTopicQueueIds(): Map<string, number[]>
  /** Deletes the consume queues of topics no longer configured. */
  cleanUnusedTopics(keep: Set<string>): Promise<void>

  /** Called after each record is dispatched to its consume queue: wakes long-polling pulls. */
  onMessageArrived(listener: MessageArrivingListener): void

  /** Figures for GET_BROKER_RUNTIME_INFO (commitLogMinOffset, commitLogMaxOffset, …), as strings. */
  getRuntimeInfo(): Record<string, string>

  // --- replication (runtime/ha uses these)
  /** Raw commitlog bytes from an offset, at most maxBytes and never across a segment end. */
  getCommitLogData(offset: number, maxBytes: number): Promise<Buffer | undefined>
  /** Slave side: appends raw bytes that start exactly at getMaxPhyOffset(), then dispatches them. */
  appendToCommitLog(startOffset: number, data: Buffer): Promise<void>
  /** Master side: hears the commitlog's written end after each write (once per write, not per message). */
  onCommitted?(listener: (maxPhyOffset: number) => void): void
  /**
   * Master side: installs the replication wait of the put path (RocketMQ CommitLog.submitReplicaRequest
   * → HAService); runs alongside the flush wait. Undefined removes it.
   */
  setReplicaService?(service: ReplicaService | undefined): void
  /** Stored put outcomes of the last 60 s by send status (SEND_OK, FLUSH_SLAVE_TIMEOUT, …). */
  getRecentPutStatusCounts?(): Record<string, number>
}

/**
 * Replication as the put path sees it (RocketMQ HAService behind CommitLog.submitReplicaRequest). Asked
 * only for SYNC_MASTER puts that wait for the store (WAIT not false).
 */
export interface ReplicaService {
  /**
   * For a put whose record ends at `end`: SLAVE_NOT_AVAILABLE at once when no slave is fit to receive it
   * (isSlaveOK), else a promise of PUT_OK once a slave acknowledged `end`, or FLUSH_SLAVE_TIMEOUT.
   */
  submitReplicaRequest(end: number): PutMessageStatus | Promise<PutMessageStatus>
}

/** Decides on the consume-queue tagsCode alone (and optionally the record) whether a message matches. */
export type MessageFilter = (tagsCode: number, record?: Buffer) => boolean

/**
 * Called once per record dispatched to a consume queue. As RocketMQ's ReputMessageService does, the
 * third argument is the queue's max offset after the record (its queue offset + 1), which is what
 * PullRequestHoldService compares with a held pull's offset.
 */
export type MessageArrivingListener = (topic: string, queueId: number, queueOffset: number, tagsCode: number) => void

/** RocketMQ's PutMessageStatus. */
export type PutMessageStatus =
  | 'PUT_OK'
  | 'FLUSH_DISK_TIMEOUT'
  | 'FLUSH_SLAVE_TIMEOUT'
  | 'SLAVE_NOT_AVAILABLE'
  | 'SERVICE_NOT_AVAILABLE'
  | 'CREATE_MAPEDFILE_FAILED'
  | 'MESSAGE_ILLEGAL'
  | 'PROPERTIES_SIZE_EXCEEDED'
  | 'OS_PAGECACHE_BUSY'
  | 'UNKNOWN_ERROR'

/** Where an append landed (RocketMQ's AppendMessageResult). */
export interface AppendMessageResult {
  /** Commitlog offset of the (first) record. */
  wroteOffset: number
  wroteBytes: number
  /** Offset msg id(s): comma-joined for a batch. */
  msgId: string
  storeTimestamp: number
  /** Queue offset of the (first) message. */
  logicsOffset: number
  msgNum: number
}

/** The outcome of a put (RocketMQ PutMessageResult); the broker maps status to a response code. */
export interface PutMessageResult {
  status: PutMessageStatus
  /** Present whenever the message was written, including FLUSH_*_TIMEOUT and SLAVE_NOT_AVAILABLE. */
  appendResult?: AppendMessageResult
  /** Why, for MESSAGE_ILLEGAL and friends ("message body size 5000000 exceeds maxMessageSize 4194304"). */
  remark?: string
}

/** RocketMQ's GetMessageStatus. */
export type GetMessageStatus =
  | 'FOUND'
  | 'NO_MATCHED_MESSAGE'
  | 'MESSAGE_WAS_REMOVING'
  | 'OFFSET_FOUND_NULL'
  | 'OFFSET_OVERFLOW_BADLY'
  | 'OFFSET_OVERFLOW_ONE'
  | 'OFFSET_TOO_SMALL'
  | 'NO_MATCHED_LOGIC_QUEUE'
  | 'NO_MESSAGE_IN_QUEUE'

/** The outcome of a pull read (RocketMQ GetMessageResult); offsets are consume-queue offsets. */
export interface GetMessageResult {
  status: GetMessageStatus
  nextBeginOffset: number
  minOffset: number
  maxOffset: number
  /** Whole stored records, byte-exact: their concatenation is the PULL_MESSAGE response body. */
  messages: Buffer[]
  /** True when the reader is far behind (data likely out of page cache): suggest pulling from a slave. */
  suggestPullingFromSlave: boolean
}
