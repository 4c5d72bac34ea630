/**
 * Store-only put throughput with 64 puts in flight, ASYNC_FLUSH vs SYNC_FLUSH (group commit), 1 KiB
 * bodies: `node dist/bench/store-put-throughput.js [seconds]`. The broker benchmark measures the same
 * through the wire; this one isolates the store.
 */
import {promises as fsp} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import type {FlushDiskType} from '../runtime/config/broker-config.js'
import {DefaultMessageStore} from '../runtime/store/default-message-store.js'
import {innerMessage as message} from '../runtime/message/inner-message.js'
import {messageStoreConfig as storeConfig} from '../runtime/store/message-store-config.js'

const seconds = Number(process.argv[2] ?? 3)
const inFlight = 64

async function run(flushDiskType: FlushDiskType): Promise<number> {
  const dir = await fsp.mkdtemp(join(tmpdir(), 'mqlab-bench-put-'))
  try {
    const store = new DefaultMessageStore(storeConfig(dir, {flushDiskType}), {cleanResourceInterval: 0})
    await store.start()
    const body = Buffer.alloc(1024, 120)
    const deadline = performance.now() + seconds * 1000
    let done = 0
    const worker = async (w: number) => {
      while (performance.now() < deadline) {
        const r = await store.putMessage(message('Bench', w % 8, body, 'TagA'))
        if (r.status !== 'PUT_OK') throw new Error(r.status)
        done++
      }
    }
    const started = performance.now()
    await Promise.all(Array.from({length: inFlight}, (_, i) => worker(i)))
    const rate = done / ((performance.now() - started) / 1000)
    await store.shutdown()
    return rate
  } finally {
    await fsp.rm(dir, {recursive: true, force: true})
  }
}

const asyncRate = await run('ASYNC_FLUSH')
const syncRate = await run('SYNC_FLUSH')
console.log(
  `ASYNC_FLUSH ${asyncRate.toFixed(0)} puts/s, SYNC_FLUSH ${syncRate.toFixed(0)} puts/s (${((syncRate / asyncRate) * 100).toFixed(0)} % of async), ${inFlight} in flight, 1 KiB bodies`,
)
