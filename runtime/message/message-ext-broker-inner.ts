/**
 * A message as the broker hands it to the store (RocketMQ's MessageExtBrokerInner): everything the
 * stored record needs except what the store assigns (queue offset, physical offset, store time, CRC).
 */
export interface MessageExtBrokerInner {
  topic: string
  queueId: number
  /** User flag. */
  flag: number
  /** Stored as sent (still compressed when sysFlag bit 0 is set). */
  body: Buffer
  /** The encoded properties string (key\u0001value\u0002…), as stored. */
  propertiesString: string
  sysFlag: number
  bornTimestamp: number
  bornHost: HostAddress
  storeHost: HostAddress
  reconsumeTimes: number
  preparedTransactionOffset: number
  /** Java String.hashCode of the TAGS property (0 without tags): the consume-queue tagsCode. */
  tagsCode: number
}

/** An IPv4 address and port, as a stored record keeps born/store hosts (always IPv4: ali-ons reads 4 bytes). */
export interface HostAddress {
  ip: string
  port: number
}
