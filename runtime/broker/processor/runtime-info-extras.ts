/**
 * The GET_BROKER_RUNTIME_INFO keys of AdminBrokerProcessor.prepareRuntimeInfo that describe Java's
 * machinery (thread-pool capacities, the transient store pool, disk capacity) rather than messages:
 * given with RocketMQ 4.9.8's defaults or measured where mqlab has the figure, so mqadmin brokerStatus
 * and the dashboard find every key they read.
 */
import {statfsSync} from 'node:fs'
import type {BrokerContext} from '../broker-context.js'

/** MixAll.humanReadableByteCount(bytes, si=false): "512 B", "1.5 KiB", "3.0 GiB". */
export function humanReadableByteCount(bytes: number): string {
  const unit = 1024
  if (bytes < unit) return `${bytes} B`
  const exp = Math.floor(Math.log(bytes) / Math.log(unit))
  return `${(bytes / unit ** exp).toFixed(1)} ${'KMGTPE'[exp - 1]}iB`
}

/** The extra keys (never overriding a key already set). */
export function runtimeInfoExtras(ctx: BrokerContext, table: Record<string, string>): void {
  const put = (k: string, v: string) => void (table[k] ??= v)
  // BrokerConfig defaults of 4.9.8; mqlab serves requests on one event loop, so its queues stay empty.
  put('sendThreadPoolQueueCapacity', '10000')
  put('pullThreadPoolQueueCapacity', '100000')
  put('queryThreadPoolQueueCapacity', '20000')
  put('EndTransactionQueueSize', '0')
  put('EndTransactionThreadPoolQueueCapacity', '100000')
  // TransientStorePool.availableBufferNums without the pool: Integer.MAX_VALUE.
  put('remainTransientStoreBufferNumbs', '2147483647')
  put('dispatchMaxBuffer', '0')
  put('getMessageEntireTimeMax', '0')
  // DefaultMessageStore.getRuntimeInfo also reports the ratio per commitlog path.
  if (table.commitLogDiskRatio !== undefined) put(`commitLogDiskRatio_${ctx.config.storePathCommitLog}`, table.commitLogDiskRatio)
  const flushed = Number(table.commitLogFlushedOffset ?? ctx.store.getMaxPhyOffset())
  put('remainHowManyDataToFlush', humanReadableByteCount(Math.max(0, ctx.store.getMaxPhyOffset() - flushed)))
  try {
    const s = statfsSync(ctx.config.storePathRootDir)
    put('commitLogDirCapacity', `Total : ${humanReadableByteCount(s.blocks * s.bsize)}, Free : ${humanReadableByteCount(s.bavail * s.bsize)}.`)
    put('consumeQueueDiskRatio', String(s.blocks > 0 ? (s.blocks - s.bfree) / s.blocks : -1))
  } catch {
    // The store folder is gone: RocketMQ leaves the capacity out too.
  }
}
