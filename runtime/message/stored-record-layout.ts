/**
 * Layout of one stored commitlog record (= one record of a pull body), docs/rocketmq-facts.md §3.2 and
 * RocketMQ 4.9.8 CommitLog.calMsgLength / DefaultAppendMessageCallback. Offsets hold for IPv4 hosts;
 * an IPv6 born host shifts everything after BORNHOST by 12 bytes, an IPv6 store host after STOREHOST.
 *
 *   0 TOTALSIZE 4 | 4 MAGICCODE 4 | 8 BODYCRC 4 | 12 QUEUEID 4 | 16 FLAG 4 | 20 QUEUEOFFSET 8
 *  28 PHYSICALOFFSET 8 | 36 SYSFLAG 4 | 40 BORNTIMESTAMP 8 | 48 BORNHOST 8 | 56 STORETIMESTAMP 8
 *  64 STOREHOST 8 | 72 RECONSUMETIMES 4 | 76 PREPAREDTRANSACTIONOFFSET 8 | 84 BODYLEN 4 + body
 *  then TOPICLEN 1 + topic, PROPERTIESLEN 2 + properties.
 */

/** CommitLog.MESSAGE_MAGIC_CODE (0xDAA320A7 as int32). */
export const MESSAGE_MAGIC_CODE = -626843481
/** CommitLog.BLANK_MAGIC_CODE (0xCBD43194 as int32): the filler at a segment's end. */
export const BLANK_MAGIC_CODE = -875286124
/** A blank end needs its size and magic (CommitLog.END_FILE_MIN_BLANK_LENGTH). */
export const END_FILE_MIN_BLANK_LENGTH = 8

/** Field positions in an IPv4 record (RocketMQ MessageDecoder's *_POSTION constants). */
export const TOTALSIZE_POS = 0
export const MAGICCODE_POS = 4
export const BODYCRC_POS = 8
export const QUEUEID_POS = 12
export const FLAG_POS = 16
export const QUEUEOFFSET_POS = 20
export const PHYSICALOFFSET_POS = 28
export const SYSFLAG_POS = 36
export const BORNTIMESTAMP_POS = 40
export const BORNHOST_POS = 48

/** Fixed bytes of an IPv4 record: 91 + body + topic + properties. */
export const FIXED_RECORD_LENGTH_IPV4 = 91

/** Whole record length (CommitLog.calMsgLength) for the given host widths and variable parts. */
export function calMsgLength(bornHostLength: number, storeHostLength: number, bodyLength: number, topicLength: number, propertiesLength: number): number {
  return 4 + 4 + 4 + 4 + 4 + 8 + 8 + 4 + 8 + bornHostLength + 8 + storeHostLength + 4 + 8 + 4 + bodyLength + 1 + topicLength + 2 + propertiesLength
}

/** Position of STORETIMESTAMP given the born host width (8 or 20). */
export function storeTimestampPos(bornHostLength: number): number {
  return BORNHOST_POS + bornHostLength
}

/** Largest topic a record can hold (its length is one signed byte). */
export const MAX_TOPIC_LENGTH = 127
/** Largest properties string a record can hold (its length is an int16). */
export const MAX_PROPERTIES_LENGTH = 32767
