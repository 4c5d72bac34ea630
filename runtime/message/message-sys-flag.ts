/**
 * Bits of a message's sysFlag (RocketMQ 4.9.8 common/sysflag/MessageSysFlag.java; docs/rocketmq-facts.md §3.3).
 */
export const MessageSysFlag = {
  COMPRESSED_FLAG: 0x1,
  MULTI_TAGS_FLAG: 0x1 << 1,
  TRANSACTION_NOT_TYPE: 0,
  TRANSACTION_PREPARED_TYPE: 0x1 << 2,
  TRANSACTION_COMMIT_TYPE: 0x2 << 2,
  TRANSACTION_ROLLBACK_TYPE: 0x3 << 2,
  BORNHOST_V6_FLAG: 0x1 << 4,
  STOREHOSTADDRESS_V6_FLAG: 0x1 << 5,
  NEED_UNWRAP_FLAG: 0x1 << 6,
  INNER_BATCH_FLAG: 0x1 << 7,
  /** Mask of the compression type bits 8–10 (LZ4 1<<8, ZSTD 2<<8, ZLIB 3<<8; 0 reads as ZLIB). */
  COMPRESSION_TYPE_MASK: 0x7 << 8,
} as const

/** The transaction type bits (2–3) of a sysFlag. */
export function getTransactionValue(sysFlag: number): number {
  return sysFlag & MessageSysFlag.TRANSACTION_ROLLBACK_TYPE
}

/** Replaces the transaction type bits of a sysFlag. */
export function resetTransactionValue(sysFlag: number, type: number): number {
  return (sysFlag & ~MessageSysFlag.TRANSACTION_ROLLBACK_TYPE) | type
}
