/**
 * A query by key (DefaultMessageStore.queryMessage): the index's offsets for the key, read back as whole
 * stored records. As RocketMQ does, up to three rounds, each ending its time window at the store time
 * of the oldest record found so far, until some record is found. Index hashes collide, so a record may
 * carry another key: callers (the client) check the keys.
 */
import {readInt64BE} from '../../message/int64.js'
import {MessageSysFlag} from '../../message/message-sys-flag.js'
import {BORNHOST_POS} from '../../message/stored-record-layout.js'
import type {IndexService} from './index-service.js'

/** Found records plus how far the index got (QUERY_MESSAGE's response header). */
export interface QueryMessageResult {
  messages: Buffer[]
  indexLastUpdateTimestamp: number
  indexLastUpdatePhyoffset: number
}

/** Reads whole records by commitlog offset. */
export interface RecordReader {
  lookMessageByOffset(offset: number): Promise<Buffer | undefined>
}

/** Runs a query against the index and the commitlog. */
export async function queryMessage(
  index: IndexService | undefined,
  log: RecordReader,
  topic: string,
  key: string,
  maxNum: number,
  begin: number,
  end: number,
): Promise<QueryMessageResult> {
  const result: QueryMessageResult = {messages: [], indexLastUpdateTimestamp: 0, indexLastUpdatePhyoffset: 0}
  let lastQueryMsgTime = end
  for (let round = 0; index && round < 3; round++) {
    const r = await index.queryOffset(topic, key, maxNum, begin, lastQueryMsgTime)
    if (r.phyOffsets.length === 0) break
    result.indexLastUpdateTimestamp = r.indexLastUpdateTimestamp
    result.indexLastUpdatePhyoffset = r.indexLastUpdatePhyoffset
    const offsets = [...new Set(r.phyOffsets)].sort((a, b) => a - b)
    for (const [m, offset] of offsets.entries()) {
      const record = await log.lookMessageByOffset(offset).catch(() => undefined)
      if (!record) continue
      if (m === 0) lastQueryMsgTime = recordStoreTimestamp(record)
      result.messages.push(record)
    }
    if (result.messages.length > 0 || lastQueryMsgTime < begin) break
  }
  return result
}

/** STORETIMESTAMP of a stored record. */
export function recordStoreTimestamp(record: Buffer): number {
  const sysFlag = record.readInt32BE(36)
  const bornLen = (sysFlag & MessageSysFlag.BORNHOST_V6_FLAG) === 0 ? 8 : 20
  return readInt64BE(record, BORNHOST_POS + bornLen)
}
