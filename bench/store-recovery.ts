/**
 * Recovery benchmark: writes ~100 MB of 1 KiB messages into a store with RocketMQ's default segment
 * sizes, stops it as a crash would (no clean shutdown: abort file kept, consume queues not flushed),
 * then starts it again and times the abnormal recovery (scan with CRC checks, cut, consume-queue
 * rebuild). Also times a clean restart for comparison.
 *
 *   node dist/bench/store-recovery.js [megabytes=100] [bodyBytes=1024]
 */
import {promises as fsp} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {DefaultMessageStore} from '../runtime/store/default-message-store.js'
import {innerMessage as message} from '../runtime/message/inner-message.js'
import {messageStoreConfig as storeConfig} from '../runtime/store/message-store-config.js'

const megabytes = Number(process.argv[2] ?? 100)
const bodyBytes = Number(process.argv[3] ?? 1024)
const queues = 8

const dir = await fsp.mkdtemp(join(tmpdir(), 'mqlab-bench-recovery-'))
const config = storeConfig(dir)
try {
  const writer = new DefaultMessageStore(config, {cleanResourceInterval: 0})
  await writer.start()
  const body = Buffer.alloc(bodyBytes, 97)
  const target = megabytes * 1024 * 1024
  let n = 0
  const writeStart = performance.now()
  await Promise.all(
    Array.from({length: 64}, async () => {
      while (writer.getMaxPhyOffset() < target) {
        const r = await writer.putMessage(message('RecoveryBench', n++ % queues, body, 'TagA'))
        if (r.status !== 'PUT_OK') throw new Error(r.status)
      }
    }),
  )
  const written = writer.getMaxPhyOffset()
  const acknowledged = Array.from({length: queues}, (_, q) => writer.getMaxOffsetInQueue('RecoveryBench', q)).reduce((a, b) => a + b, 0)
  const writeSecs = (performance.now() - writeStart) / 1000
  await writer.halt() // the crash: nothing flushed or closed cleanly, abort file left behind

  const crashed = new DefaultMessageStore(config, {cleanResourceInterval: 0})
  const t0 = performance.now()
  await crashed.start()
  const abnormalMs = performance.now() - t0
  const recovered = Array.from({length: queues}, (_, q) => crashed.getMaxOffsetInQueue('RecoveryBench', q)).reduce((a, b) => a + b, 0)
  const info = crashed.lastRecovery
  const recoveredBytes = crashed.getMaxPhyOffset()
  await crashed.shutdown()

  const clean = new DefaultMessageStore(config, {cleanResourceInterval: 0})
  const t1 = performance.now()
  await clean.start()
  const normalMs = performance.now() - t1
  await clean.shutdown()

  const mb = (b: number) => (b / 1024 / 1024).toFixed(1)
  console.log(`wrote ${acknowledged} messages of ${bodyBytes} B (${mb(written)} MB of commitlog) in ${writeSecs.toFixed(1)} s`)
  console.log(
    `crash recovery (abnormal): ${recovered} of ${acknowledged} messages recovered, ${info?.records} records checked with CRC, ` +
      `${mb(recoveredBytes)} MB in ${abnormalMs.toFixed(0)} ms (${(recoveredBytes / 1024 / 1024 / (abnormalMs / 1000)).toFixed(0)} MB/s; ` +
      `${((abnormalMs * (100 * 1024 * 1024)) / recoveredBytes).toFixed(0)} ms per 100 MB)`,
  )
  console.log(`clean restart (normal recovery): ${normalMs.toFixed(0)} ms`)
  if (recovered !== acknowledged) {
    console.error(`LOST ${acknowledged - recovered} acknowledged messages`)
    process.exitCode = 1
  }
} finally {
  await fsp.rm(dir, {recursive: true, force: true})
}
