import test from 'ava'
import {promises as fsp} from 'node:fs'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {decodeMessage} from '../../../runtime/message/message-decoder.js'
import {DefaultMessageStore} from '../../../runtime/store/default-message-store.js'
import {type GoldenExpectation, goldenLabel, makeGolden} from '../../fixtures/store/make-golden.js'
import {storeConfig, tempDir} from '../../helpers/store-fixtures.js'

// The checked-in fixtures live in the source tree (tests run from dist/test/...).
const golden = fileURLToPath(new URL('../../../../test/fixtures/store/golden', import.meta.url))

async function listFiles(dir: string, base = dir): Promise<string[]> {
  const out: string[] = []
  for (const e of await fsp.readdir(dir, {withFileTypes: true})) {
    const p = join(dir, e.name)
    if (e.isDirectory()) out.push(...(await listFiles(p, base)))
    else out.push(p.slice(base.length + 1))
  }
  return out.sort()
}

for (const name of ['clean', 'torn-tail', 'bad-crc', 'garbage-tail']) {
  test(`golden store "${name}" recovers to what expect.json says`, async (t) => {
    const dir = await tempDir(t)
    await fsp.cp(join(golden, name), dir, {recursive: true})
    const expect = JSON.parse(await fsp.readFile(join(dir, 'expect.json'), 'utf8')) as GoldenExpectation
    const store = new DefaultMessageStore(storeConfig(dir, {mappedFileSizeCommitLog: 4096, mappedFileSizeConsumeQueue: 80}), {cleanResourceInterval: 0})
    await store.start()
    t.teardown(() => store.shutdown())
    t.is(store.lastRecovery?.lastExitOK, expect.lastExitOK)
    t.is(store.getMaxPhyOffset(), expect.maxPhyOffset)
    for (const [key, labels] of Object.entries(expect.queues)) {
      const [topic, queueId] = key.split('/')
      // A pull stops at the end of a consume-queue file (4 entries here), as RocketMQ's does.
      const got: string[] = []
      for (let offset = 0; ;) {
        const r = await store.getMessage('g', topic, Number(queueId), offset, 64)
        if (r.status !== 'FOUND') break
        got.push(...r.messages.map((m) => goldenLabel(decodeMessage(m).body.toString())))
        offset = r.nextBeginOffset
      }
      t.deepEqual(got, labels, key)
      t.is(store.getMaxOffsetInQueue(topic, Number(queueId)), labels.length)
    }
  })
}

test('regenerating the golden stores reproduces the checked-in bytes (the on-disk format is stable)', async (t) => {
  const dir = await tempDir(t)
  await makeGolden(dir)
  const ours = await listFiles(dir)
  t.deepEqual(ours, await listFiles(golden))
  for (const f of ours) {
    const [a, b] = await Promise.all([fsp.readFile(join(dir, f)), fsp.readFile(join(golden, f))])
    t.true(a.equals(b), f)
  }
})
