/**
 * Reads RocketMQ records out of DLedger entry files (DLedgerCommitLog's read side): a record's commitlog
 * offset is its entry's position + 48, and readers see only committed data (getMaxOffset is the end of the
 * last committed entry), as DLedgerCommitLog.getMaxOffset and getData do.
 */
import type {CommitLogView} from '../../store/get-message.js'
import type {DLedgerMmapFileStore} from '../store/dledger-mmap-file-store.js'

/** DLedgerEntry.BODY_OFFSET: a record's commitlog offset is its entry's position plus this. */
export const ENTRY_BODY_OFFSET = 48

/** The commitlog view of a DLedger log, bounded by a committed position the owner keeps current. */
export class DLedgerCommitLogView implements CommitLogView {
  /** End of the last committed entry (the store's max physical offset). */
  committedPos = 0

  constructor(private readonly store: DLedgerMmapFileStore) {}

  getMaxOffset(): number {
    return this.committedPos
  }

  getMinOffset(): number {
    return this.store.data.files.length === 0 ? -1 : this.store.data.minOffset()
  }

  rollNextFile(offset: number): number {
    const size = this.store.data.fileSize
    return offset + size - (offset % size)
  }

  async getData(offset: number, maxBytes: number, exact = false): Promise<Buffer | undefined> {
    if (offset < 0 || offset >= this.committedPos) return undefined
    const fileEnd = this.rollNextFile(offset)
    const len = Math.min(maxBytes, this.committedPos - offset, fileEnd - offset)
    if (len <= 0 || (exact && len < maxBytes)) return undefined
    return this.store.readData(offset, len)
  }

  getMessage(offset: number, size: number): Promise<Buffer | undefined> {
    return this.getData(offset, size, true)
  }

  /** The record at `offset`, reading its size first. */
  async lookMessageByOffset(offset: number): Promise<Buffer | undefined> {
    const head = await this.getData(offset, 8, true)
    if (!head) return undefined
    const size = head.readInt32BE(0)
    if (size <= 8) return undefined
    return this.getData(offset, size, true)
  }
}
