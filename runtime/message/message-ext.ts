import type {HostAddress} from './message-ext-broker-inner.js'

/** A stored (or pulled) message, decoded (RocketMQ's MessageExt). */
export interface MessageExt {
  topic: string
  queueId: number
  flag: number
  /** As stored: still compressed when sysFlag bit 0 is set. */
  body: Buffer
  properties: Record<string, string>
  sysFlag: number
  bornTimestamp: number
  bornHost: HostAddress
  storeTimestamp: number
  storeHost: HostAddress
  queueOffset: number
  commitLogOffset: number
  storeSize: number
  bodyCRC: number
  reconsumeTimes: number
  preparedTransactionOffset: number
  /** Offset msg id built from storeHost and commitLogOffset. */
  msgId: string
}
