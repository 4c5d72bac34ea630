/**
 * Before a slave with data appends anything from a master, it checks that their commitlogs agree where
 * the slave's ends: the slave's last indexed record must be byte-identical to the master's record at
 * the same offset. A former master restarted as slave (it holds messages its successor never got, at
 * offsets its successor has since filled with other messages) fails this check, and the slave refuses
 * to append instead of splicing two different histories into one file. RocketMQ 4.x has no such check;
 * the master's record is read with VIEW_MESSAGE_BY_ID, which a Java master serves too.
 */
import type {MessageStore} from '../store/message-store.js'

/** The newest record a store's consume queues point at. */
export interface LastRecord {
  offset: number
  record: Buffer
}

/** The record with the highest commitlog offset among the consume queues' last entries, if any. */
export async function findLastIndexedRecord(store: MessageStore): Promise<LastRecord | undefined> {
  let last = -1
  for (const [topic, queueIds] of store.getTopicQueueIds()) {
    for (const queueId of queueIds) {
      const max = store.getMaxOffsetInQueue(topic, queueId)
      if (max <= store.getMinOffsetInQueue(topic, queueId)) continue
      const offset = await store.getCommitLogOffsetInQueue(topic, queueId, max - 1)
      if (offset > last) last = offset
    }
  }
  if (last < 0) return undefined
  const record = await store.lookMessageByOffset(last)
  return record ? {offset: last, record} : undefined
}

/**
 * Why the master's record at `offset` shows the logs diverged, or undefined when it is the same record.
 * `remote` is undefined when the master has no record there.
 */
export function describeDivergence(offset: number, local: Buffer, remote: Buffer | undefined): string | undefined {
  if (remote === undefined) {
    return `commitlog diverged at offset ${offset}: the master has no record there, so this store holds data the master never had`
  }
  if (remote.equals(local)) return undefined
  const what = remote.length !== local.length ? `${remote.length} bytes on the master, ${local.length} here` : 'same size, different bytes'
  return `commitlog diverged at offset ${offset}: the master's record there is another message (${what})`
}

/**
 * Compares the store's last record with the master's. Resolves undefined when they agree or the store
 * has no record to compare, or why they diverged. Rejects when the master could not be asked.
 */
export async function checkCommitLogAgainstMaster(
  store: MessageStore,
  fetchMasterRecord: (offset: number) => Promise<Buffer | undefined>,
): Promise<string | undefined> {
  const last = await findLastIndexedRecord(store)
  if (!last) return undefined
  return describeDivergence(last.offset, last.record, await fetchMasterRecord(last.offset))
}
