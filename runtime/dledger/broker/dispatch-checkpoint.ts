/**
 * mqlab's record of how far the consume queues are durably dispatched in DLedger mode:
 * `<storeBaseDir>/dledger-<selfId>/dispatched` holds `dispatchedIndex=<n>`, written after each consume-queue
 * flush with the last entry dispatched before that flush began. RocketMQ finds the same point from its
 * store checkpoint's timestamps; an index is exact. Absent means "dispatch from the log's beginning".
 */
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {parseSimpleProperties, string2File} from '../store/dledger-state-files.js'

/** The file. */
export function dispatchCheckpointFile(baseDir: string): string {
  return join(baseDir, 'dispatched')
}

/** Last entry index every consume queue durably holds, −1 when unknown. */
export function loadDispatchCheckpoint(baseDir: string): number {
  const file = dispatchCheckpointFile(baseDir)
  if (!existsSync(file)) return -1
  const v = Number(parseSimpleProperties(readFileSync(file, 'utf8')).get('dispatchedIndex'))
  return Number.isSafeInteger(v) ? v : -1
}

/** Records `index` (after the consume queues were flushed). */
export function saveDispatchCheckpoint(baseDir: string, index: number): void {
  string2File(`dispatchedIndex=${index}\n`, dispatchCheckpointFile(baseDir))
}
