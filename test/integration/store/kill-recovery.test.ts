import test from 'ava'
import {fileURLToPath} from 'node:url'
import {decodeMessage} from '../../../runtime/message/message-decoder.js'
import {DefaultMessageStore} from '../../../runtime/store/default-message-store.js'
import {spawnNode} from '../../helpers/child-process.js'
import {storeConfig, tempDir, waitFor} from '../../helpers/store-fixtures.js'

const child = fileURLToPath(new URL('../../fixtures/store/store-writer-child.js', import.meta.url))

for (const flush of ['ASYNC_FLUSH', 'SYNC_FLUSH'] as const) {
  test(`kill -9 under ${flush}: every acknowledged message is there after recovery, each exactly once`, async (t) => {
    const dir = await tempDir(t)
    const writer = spawnNode(t, child, [dir, flush])
    await waitFor(() => (writer.stdout().match(/^ack /gm)?.length ?? 0) >= 3000 || writer.process.exitCode !== null, 30_000, 'acks')
    writer.process.kill('SIGKILL')
    await writer.exited
    t.is(writer.stderr(), '')
    const acked = writer
      .stdout()
      .split('\n')
      .filter((l) => l.startsWith('ack '))
      .map((l) => l.split(' '))
    t.true(acked.length >= 3000)
    const store = new DefaultMessageStore(storeConfig(dir, {mappedFileSizeCommitLog: 256 * 1024, mappedFileSizeConsumeQueue: 20 * 1000}), {
      cleanResourceInterval: 0,
    })
    await store.start()
    t.teardown(() => store.shutdown())
    t.is(store.lastRecovery?.lastExitOK, false)
    const byQueue = new Map<number, string[]>()
    let misplaced = 0
    for (let q = 0; q < 4; q++) {
      const bodies: string[] = []
      let offset = 0
      for (;;) {
        const r = await store.getMessage('g', 'Kill', q, offset, 32)
        if (r.status !== 'FOUND') break
        for (const m of r.messages) {
          const d = decodeMessage(m)
          if (d.queueOffset !== bodies.length) misplaced++
          bodies.push(d.body.toString().split('-')[0])
        }
        offset = r.nextBeginOffset
      }
      byQueue.set(q, bodies)
    }
    t.is(misplaced, 0, 'queue offsets are contiguous from 0')
    const missing = acked.filter(([, q, queueOffset, body]) => byQueue.get(Number(q))![Number(queueOffset)] !== body)
    t.deepEqual(missing, [], 'every acknowledged message is where its ack said')
    const all = [...byQueue.values()].flat()
    t.is(new Set(all).size, all.length, 'no message twice')
    t.log(`${acked.length} acknowledged, ${all.length} recovered in ${store.lastRecovery?.millis.toFixed(0)} ms`)
  })
}
