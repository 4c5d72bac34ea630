/**
 * The message index (RocketMQ store/index/IndexService.java): files under `<storePathRootDir>/index`,
 * named by their creation time (yyyyMMddHHmmssSSS), each filled with the keys of the records the
 * dispatcher hands it — the unique key (UNIQ_KEY, the client-made msgId) and every KEYS word — as
 * `topic#key`. QUERY_MESSAGE walks the files newest first.
 *
 * Crash handling is RocketMQ's: the checkpoint's indexMsgTimestamp is the end time of the last file
 * sealed (filled and fsynced); after an abnormal stop, files that end later are deleted and rebuilt by
 * the recovery's re-dispatch, which skips records below the last kept file's endPhyOffset.
 * Retention follows the commitlog: files wholly below its minimum offset go, never the newest.
 */
import type {Logger} from '../../common/logger.js'
import {getTransactionValue, MessageSysFlag} from '../../message/message-sys-flag.js'
import type {DispatchRequest} from '../dispatch-request.js'
import type {ConsumeQueueDispatcher} from '../consume-queue-dispatcher.js'
import type {StoreCheckpoint} from '../store-checkpoint.js'
import type {StoreFs} from '../store-fs.js'
import {getStorePathIndex} from '../store-path-config-helper.js'
import {IndexFile} from './index-file.js'
import {buildIndexKey} from './index-key-hash.js'
import {indexKeysOf} from './index-keys.js'

/** What the service needs. */
export interface IndexServiceOptions {
  fs: StoreFs
  /** `<storePathRootDir>/index`. */
  dir: string
  hashSlotNum: number
  indexNum: number
  /** MessageStoreConfig.maxMsgsNumBatch: the most offsets one query returns. */
  maxMsgsNumBatch: number
  clock: () => number
  logger: Logger
  /** A file was sealed and fsynced: the checkpoint's indexMsgTimestamp moves to its end time. */
  onSealed: (endTimestamp: number) => Promise<void>
}

/** What a query found (QueryOffsetResult). */
export interface QueryOffsetResult {
  phyOffsets: number[]
  indexLastUpdateTimestamp: number
  indexLastUpdatePhyoffset: number
}

// Flush early when this many entry bytes wait, so memory stays bounded between periodic flushes.
const PENDING_FLUSH_BYTES = 1024 * 1024

/** The store's index files. */
export class IndexService {
  private readonly files: IndexFile[] = []
  private background: Promise<void> = Promise.resolve()
  private earlyFlush = false

  constructor(private readonly o: IndexServiceOptions) {}

  /** The files, oldest first (tests and runtime info). */
  get indexFiles(): readonly IndexFile[] {
    return this.files
  }

  /** IndexService.load: opens every file; after an abnormal stop, deletes those newer than the checkpoint says. */
  async load(lastExitOK: boolean, indexMsgTimestamp: number): Promise<void> {
    await this.o.fs.mkdir(this.o.dir)
    const names = (await this.o.fs.readdir(this.o.dir)).filter((n) => /^\d{17}$/.test(n)).sort()
    for (const [i, name] of names.entries()) {
      const path = `${this.o.dir}/${name}`
      let f: IndexFile
      try {
        f = await IndexFile.load(this.o.fs, path, this.o.hashSlotNum, this.o.indexNum, i === names.length - 1)
      } catch (error) {
        this.o.logger.error(`index file ${name} cannot be loaded; deleting it`, error)
        await this.o.fs.unlink(path).catch(() => undefined)
        continue
      }
      if (!lastExitOK && f.header.endTimestamp > indexMsgTimestamp) {
        this.o.logger.info(`index file ${name} ends after the checkpoint's index time; deleting it to rebuild it from the commitlog`)
        await f.destroy()
        continue
      }
      this.files.push(f)
    }
    // The newest kept file may have been loaded read-only (a later one was deleted): reopen it for writing.
    const last = this.files[this.files.length - 1]
    if (last && !last.writable && !last.isWriteFull()) {
      await last.close()
      this.files[this.files.length - 1] = await IndexFile.load(this.o.fs, last.path, this.o.hashSlotNum, this.o.indexNum, true)
    }
  }

  /** Records at or above this commitlog offset still need indexing (a dispatch hint for recovery). */
  indexedUpTo(): number {
    return this.files[this.files.length - 1]?.header.endPhyOffset ?? 0
  }

  /** IndexService.buildIndex: called by the dispatcher for every record, in commitlog order. */
  buildIndex(req: DispatchRequest): void {
    let file = this.writableFile()
    if (req.commitLogOffset < file.header.endPhyOffset) return
    if (getTransactionValue(req.sysFlag) === MessageSysFlag.TRANSACTION_ROLLBACK_TYPE) return
    for (const key of indexKeysOf(req)) {
      const k = buildIndexKey(req.topic, key)
      if (!file.putKey(k, req.commitLogOffset, req.storeTimestamp)) {
        file = this.roll(file)
        file.putKey(k, req.commitLogOffset, req.storeTimestamp)
      }
    }
    if (file.pendingBytes >= PENDING_FLUSH_BYTES && !this.earlyFlush) {
      this.earlyFlush = true
      void this.flush()
        .catch((error: unknown) => this.o.logger.error('flushing the index failed', error))
        .finally(() => (this.earlyFlush = false))
    }
  }

  /** IndexService.queryOffset: offsets of records with the key stored in [begin, end], newest files first. */
  async queryOffset(topic: string, key: string, maxNum: number, begin: number, end: number): Promise<QueryOffsetResult> {
    const out: number[] = []
    const max = Math.min(maxNum, this.o.maxMsgsNumBatch)
    let indexLastUpdateTimestamp = 0
    let indexLastUpdatePhyoffset = 0
    const k = buildIndexKey(topic, key)
    for (let i = this.files.length; i > 0; i--) {
      const f = this.files[i - 1]!
      if (i === this.files.length) {
        indexLastUpdateTimestamp = f.header.endTimestamp
        indexLastUpdatePhyoffset = f.header.endPhyOffset
      }
      if (f.isTimeMatched(begin, end)) await f.selectPhyOffset(out, k, max, begin, end)
      if (f.header.beginTimestamp < begin || out.length >= max) break
    }
    return {phyOffsets: out, indexLastUpdateTimestamp, indexLastUpdatePhyoffset}
  }

  /** Writes the new entries of every file (the periodic flush); `full` also its slots, fsynced (shutdown). */
  async flush(full = false): Promise<void> {
    await this.background
    for (const f of this.files) await f.flush(full)
  }

  /** IndexService.deleteExpiredFile: drops files wholly below the commitlog's minimum offset, never the newest. */
  async deleteExpiredFile(minPhyOffset: number): Promise<number> {
    if (this.files.length === 0 || this.files[0]!.header.endPhyOffset >= minPhyOffset) return 0
    let n = 0
    while (this.files.length > 1 && this.files[0]!.header.endPhyOffset < minPhyOffset) {
      const f = this.files.shift()!
      this.o.logger.info(`deleting expired index file ${f.path}`)
      await f.destroy()
      n++
    }
    return n
  }

  /** Closes every file without writing (a crash) or after a final flush (shutdown). */
  async close(flushFirst: boolean): Promise<void> {
    if (flushFirst) await this.flush(true)
    else await this.background.catch(() => undefined)
    for (const f of this.files) await f.close()
  }

  private writableFile(): IndexFile {
    const last = this.files[this.files.length - 1]
    if (last && last.writable) return last
    return this.roll(last)
  }

  /** Starts a new file after `prev` (full, or none yet); seals prev in the background (IndexService.getAndCreateLastIndexFile). */
  private roll(prev: IndexFile | undefined): IndexFile {
    const f = IndexFile.create(
      this.o.fs,
      `${this.o.dir}/${fileNameAt(this.o.clock(), this.files)}`,
      this.o.hashSlotNum,
      this.o.indexNum,
      prev?.header.endPhyOffset ?? 0,
      prev?.header.endTimestamp ?? 0,
    )
    this.files.push(f)
    if (prev && prev.isWriteFull()) {
      this.background = this.background.then(async () => {
        try {
          await prev.flush(true)
          prev.releaseSlots()
          await this.o.onSealed(prev.header.endTimestamp)
        } catch (error) {
          this.o.logger.error(`sealing index file ${prev.path} failed`, error)
        }
      })
    }
    return f
  }
}

/** UtilAll.timeMillisToHumanString in local time; a later millisecond when a file of that name exists. */
function fileNameAt(ms: number, files: readonly IndexFile[]): string {
  const taken = new Set(files.map((f) => f.path.slice(-17)))
  for (let t = ms; ; t++) {
    const d = new Date(t)
    const p = (n: number, w = 2) => String(n).padStart(w, '0')
    const name = `${p(d.getFullYear(), 4)}${p(d.getMonth() + 1)}${p(d.getDate())}${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}${p(d.getMilliseconds(), 3)}`
    if (!taken.has(name)) return name
  }
}

/** The store settings of the index (defaults as RocketMQ: on, 5 000 000 slots, 20 000 000 entries a file, 64 per query). */
export interface IndexStoreConfig {
  messageIndexEnable?: boolean
  maxHashSlotNum?: number
  maxIndexNum?: number
  maxMsgsNumBatch?: number
}

/** The store's index service, or undefined when messageIndexEnable=false. */
export function createIndexService(
  config: IndexStoreConfig & {storePathRootDir: string},
  deps: {fs: StoreFs; clock: () => number; logger: Logger; checkpoint: () => StoreCheckpoint | undefined; dispatcher: ConsumeQueueDispatcher},
): IndexService | undefined {
  if (config.messageIndexEnable === false) return undefined
  const index = new IndexService({
    fs: deps.fs,
    dir: getStorePathIndex(config.storePathRootDir),
    hashSlotNum: config.maxHashSlotNum ?? 5_000_000,
    indexNum: config.maxIndexNum ?? 20_000_000,
    maxMsgsNumBatch: config.maxMsgsNumBatch ?? 64,
    clock: deps.clock,
    logger: deps.logger,
    onSealed: async (endTimestamp) => {
      const cp = deps.checkpoint()
      if (!cp) return
      cp.indexMsgTimestamp = endTimestamp
      await cp.flush()
    },
  })
  // RocketMQ's dispatcher list: consume queue, then the index (CommitLogDispatcherBuildIndex).
  deps.dispatcher.addDispatcher((req) => index.buildIndex(req))
  return index
}
