/**
 * All consume queues of a store (RocketMQ DefaultMessageStore.consumeQueueTable), by topic and queue
 * id, loaded from consumequeue/<topic>/<queueId>/ and created on first dispatch.
 */
import {join} from 'node:path'
import type {Logger} from '../common/logger.js'
import {ConsumeQueue, CQ_STORE_UNIT_SIZE} from './consume-queue.js'
import type {MappedFileOptions} from './mapped-file.js'
import type {MessageStoreConfig} from './message-store-config.js'
import type {StoreFs} from './store-fs.js'
import {getStorePathConsumeQueue} from './store-path-config-helper.js'

/** topic → queueId → ConsumeQueue. */
export class ConsumeQueueTable {
  private readonly table = new Map<string, Map<number, ConsumeQueue>>()

  constructor(
    private readonly root: string,
    private readonly mappedFileSize: number,
    private readonly options: MappedFileOptions,
    private readonly fs: StoreFs,
    private readonly logger: Logger,
  ) {}

  /** Opens every queue folder found on disk (DefaultMessageStore.loadConsumeQueue). */
  async load(): Promise<void> {
    for (const topic of await this.fs.readdir(this.root)) {
      if (!(await this.fs.isDirectory(join(this.root, topic)))) continue
      for (const name of await this.fs.readdir(join(this.root, topic))) {
        if (!/^\d+$/.test(name)) continue
        const cq = this.create(topic, Number(name))
        await cq.load()
      }
    }
  }

  /** The queue, or undefined when it has never been written. */
  find(topic: string, queueId: number): ConsumeQueue | undefined {
    return this.table.get(topic)?.get(queueId)
  }

  /** The queue, created (in memory) when missing. */
  findOrCreate(topic: string, queueId: number): ConsumeQueue {
    return this.find(topic, queueId) ?? this.create(topic, queueId)
  }

  /** Every queue. */
  *all(): IterableIterator<ConsumeQueue> {
    for (const m of this.table.values()) yield* m.values()
  }

  /** Topics and their queue ids, ascending. */
  topicQueueIds(): Map<string, number[]> {
    const out = new Map<string, number[]>()
    for (const [topic, m] of this.table)
      out.set(
        topic,
        [...m.keys()].sort((a, b) => a - b),
      )
    return out
  }

  /** Topic names. */
  topics(): string[] {
    return [...this.table.keys()]
  }

  /** Deletes a topic's queues and their files. */
  async destroyTopic(topic: string): Promise<void> {
    const m = this.table.get(topic)
    if (!m) return
    this.table.delete(topic)
    for (const cq of m.values()) await cq.destroy((p) => this.fs.rmdir(p))
    await this.fs.rmdir(join(this.root, topic))
  }

  /** Deletes every queue (the commitlog is empty: DefaultMessageStore.destroyLogics). */
  async destroyAll(): Promise<void> {
    for (const topic of this.topics()) await this.destroyTopic(topic)
  }

  /** Closes every file handle. */
  async close(): Promise<void> {
    for (const cq of this.all()) await cq.queue.close()
  }

  private create(topic: string, queueId: number): ConsumeQueue {
    let m = this.table.get(topic)
    if (!m) {
      m = new Map()
      this.table.set(topic, m)
    }
    const cq = new ConsumeQueue(topic, queueId, this.root, this.mappedFileSize, this.options, this.logger)
    m.set(queueId, cq)
    return cq
  }
}

/** The consume queues of a store rooted at config.storePathRootDir, with the store's chunk sizes. */
export function storeConsumeQueues(
  config: Pick<MessageStoreConfig, 'storePathRootDir' | 'mappedFileSizeConsumeQueue'>,
  fs: StoreFs,
  logger: Logger,
): ConsumeQueueTable {
  return new ConsumeQueueTable(
    getStorePathConsumeQueue(config.storePathRootDir),
    // MessageStoreConfig.getMappedFileSizeConsumeQueue rounds up to whole 20-byte entries.
    Math.ceil(config.mappedFileSizeConsumeQueue / CQ_STORE_UNIT_SIZE) * CQ_STORE_UNIT_SIZE,
    {fs, initialChunkSize: 2048, maxChunkSize: 64 * 1024, retainBytes: 4096},
    fs,
    logger,
  )
}
