/**
 * The `checkpoint` file (RocketMQ StoreCheckpoint): one 4 KiB page holding three int64 store
 * timestamps at 0, 8 and 16 — physicMsgTimestamp (last record flushed to the commitlog),
 * logicsMsgTimestamp (last record whose consume-queue entry is flushed) and indexMsgTimestamp.
 * Abnormal recovery starts from the commitlog segment whose first record is older than
 * min(physic, logics) − 3 s.
 */
import {readInt64BE, writeInt64BE} from '../message/int64.js'
import type {StoreFileHandle, StoreFs} from './store-fs.js'

const PAGE_SIZE = 4096

/** The three timestamps, read at start and flushed by the flush services. */
export class StoreCheckpoint {
  physicMsgTimestamp = 0
  logicsMsgTimestamp = 0
  indexMsgTimestamp = 0

  private constructor(private readonly fh: StoreFileHandle) {}

  /** Opens (or creates) the checkpoint file and reads its timestamps. */
  static async open(fs: StoreFs, path: string): Promise<StoreCheckpoint> {
    const existed = (await fs.stat(path)) !== undefined
    const fh = await fs.open(path, existed ? 'r+' : 'w+')
    const cp = new StoreCheckpoint(fh)
    if (existed) {
      const buf = Buffer.alloc(24)
      const n = await fh.read(buf, 0, 24, 0)
      if (n === 24) {
        cp.physicMsgTimestamp = readInt64BE(buf, 0)
        cp.logicsMsgTimestamp = readInt64BE(buf, 8)
        cp.indexMsgTimestamp = readInt64BE(buf, 16)
      }
    }
    if ((await fh.size()) < PAGE_SIZE) await fh.truncate(PAGE_SIZE)
    return cp
  }

  /** min(physic, logics) − 3 s, floored at 0 (StoreCheckpoint.getMinTimestamp). */
  getMinTimestamp(): number {
    return Math.max(0, Math.min(this.physicMsgTimestamp, this.logicsMsgTimestamp) - 3000)
  }

  /** Writes the timestamps and fsyncs. */
  async flush(): Promise<void> {
    const buf = Buffer.alloc(24)
    writeInt64BE(buf, this.physicMsgTimestamp, 0)
    writeInt64BE(buf, this.logicsMsgTimestamp, 8)
    writeInt64BE(buf, this.indexMsgTimestamp, 16)
    await this.fh.writev([buf], 0)
    await this.fh.datasync()
  }

  /** Flushes and closes. */
  async shutdown(): Promise<void> {
    await this.flush()
    await this.fh.close()
  }

  /** Closes without writing (a simulated crash). */
  async close(): Promise<void> {
    await this.fh.close()
  }
}
