/**
 * What the dispatcher needs to know about one commitlog record to index it (RocketMQ DispatchRequest):
 * built by the append path for records it writes, or parsed from bytes for records that arrive by
 * replication or are re-read at recovery.
 */
export interface DispatchRequest {
  topic: string
  queueId: number
  commitLogOffset: number
  msgSize: number
  /** Consume-queue tagsCode: Java hashCode of TAGS (0 without), or the delivery time for SCHEDULE_TOPIC_XXXX. */
  tagsCode: number
  storeTimestamp: number
  consumeQueueOffset: number
  sysFlag: number
  preparedTransactionOffset: number
  /** The KEYS and UNIQ_KEY properties (parsed records), for the index. */
  keys?: string
  uniqKey?: string
  /** The record's properties string (records this store appends): the index picks its keys from it. */
  propertiesString?: string
}

/** A segment's end filler as the dispatcher sees it: skip to the next segment. */
export interface BlankDispatch {
  blank: true
  commitLogOffset: number
  msgSize: number
}
