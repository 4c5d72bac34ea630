/**
 * The raft core over DLedger's on-disk entry log: a three-member group with small data files (so entries
 * roll over file ends with blanks) elects, takes appends, loses its leader, elects again and takes the old
 * leader back. Afterwards every member's data and index files are byte for byte the same, as DLedger
 * requires, and each log recovers to the same end.
 */
import test from 'ava'
import {mkdtempSync, readFileSync, readdirSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {DLedgerMmapFileStore} from '../../../runtime/dledger/store/dledger-mmap-file-store.js'
import {RaftCluster} from '../../helpers/raft/raft-cluster.js'
import {RaftInvariants} from '../../helpers/raft/raft-invariants.js'

test('three members on DLedger entry files end with byte-identical data and index files', (t) => {
  const root = mkdtempSync(join(tmpdir(), 'mqlab-raft-store-'))
  t.teardown(() => rmSync(root, {recursive: true, force: true}))
  const stores = new Map<string, DLedgerMmapFileStore>()
  const open = (id: string) => {
    const s = new DLedgerMmapFileStore({baseDir: join(root, id), dataFileSize: 4096, indexFileSize: 32 * 64})
    s.open()
    stores.set(id, s)
    return s
  }
  const c = new RaftCluster({seed: 5, tickMs: 100, logFor: open})
  c.observer = new RaftInvariants(false)
  const leader = () => c.leaders()[0]
  t.true(c.runUntil(() => c.leaders().length === 1, 500))
  let n = 0
  const body = () => `m${n++}-${'x'.repeat(c.rng.int(300))}`
  for (let i = 0; i < 60; i++) {
    c.propose(leader()!, body())
    c.run(1)
  }
  c.run(30)
  const old = leader()!
  c.crash(old)
  t.true(c.runUntil(() => c.leaders().length === 1, 500))
  for (let i = 0; i < 40; i++) {
    c.propose(leader()!, body())
    c.run(1)
  }
  c.start(old)
  const end = () => stores.get(leader()!)!.endIndex()
  t.true(
    c.runUntil(() => c.ids.every((id) => stores.get(id)!.endIndex() === end() && c.node(id).status().committedIndex === end()), 1000),
    c.summary(),
  )
  t.is(end(), 99)
  for (const dir of ['data', 'index']) {
    const files = c.ids.map((id) => readdirSync(join(root, id, dir)).sort())
    t.deepEqual(files[0], files[1])
    t.deepEqual(files[1], files[2])
    t.true(files[0]!.length > (dir === 'data' ? 2 : 0))
    for (const f of files[0]!) {
      const [a, b, cc] = c.ids.map((id) => readFileSync(join(root, id, dir, f)))
      t.true(a!.equals(b!) && b!.equals(cc!), `${dir}/${f} differs between members`)
    }
  }
  for (const [id, s] of stores) {
    s.close()
    const again = new DLedgerMmapFileStore({baseDir: join(root, id), dataFileSize: 4096, indexFileSize: 32 * 64})
    const report = again.open()
    t.deepEqual([report.beginIndex, report.endIndex, report.tornTail], [0, 99, false])
    again.close()
  }
})
