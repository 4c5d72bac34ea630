import test from 'ava'
import {promises as fsp} from 'node:fs'
import {join} from 'node:path'
import {DefaultMessageStore} from '../../../runtime/store/default-message-store.js'
import {LockFailedError} from '../../../runtime/store/store-errors.js'
import {spawnNode} from '../../helpers/child-process.js'
import {storeConfig, tempDir, waitFor} from '../../helpers/store-fixtures.js'

test('a second store on the same directory is refused with the path and holder pid', async (t) => {
  const dir = await tempDir(t)
  const a = new DefaultMessageStore(storeConfig(dir), {cleanResourceInterval: 0})
  await a.start()
  t.teardown(() => a.shutdown())
  const b = new DefaultMessageStore(storeConfig(dir), {cleanResourceInterval: 0})
  const error = await t.throwsAsync(b.start(), {instanceOf: LockFailedError})
  t.regex(error!.message, /^Lock failed, MQ already started: /)
  t.true(error!.message.includes(join(dir, 'lock')))
  t.true(error!.message.includes(`held by pid ${process.pid}`))
  t.is((await fsp.readFile(join(dir, 'lock'), 'utf8')).trim(), String(process.pid))
})

test('a lock held by a live broker with this store open refuses; once it is dead the lock is taken over', async (t) => {
  const dir = await tempDir(t)
  // Looks like a broker (its command line names mqbroker) and keeps a file of the store open.
  const holder = spawnNode(t, '-e', [
    `require('fs').openSync(${JSON.stringify(join(dir, 'held'))}, 'w'); console.log('open'); setInterval(() => {}, 1000)`,
    'bin/mqbroker.js',
  ])
  await waitFor(() => holder.stdout().includes('open'), 5000, 'child has the store open')
  const pid = holder.process.pid!
  await fsp.writeFile(join(dir, 'lock'), `${pid}\n`)
  const s = new DefaultMessageStore(storeConfig(dir), {cleanResourceInterval: 0})
  const error = await t.throwsAsync(s.start(), {instanceOf: LockFailedError})
  t.true(error!.message.includes(`held by pid ${pid}`))
  t.regex(error!.message, /is a broker with this store open .*stop it first/)
  holder.process.kill('SIGKILL')
  await holder.exited
  const again = new DefaultMessageStore(storeConfig(dir), {cleanResourceInterval: 0})
  await again.start()
  t.teardown(() => again.shutdown())
  t.is((await fsp.readFile(join(dir, 'lock'), 'utf8')).trim(), String(process.pid))
})

test('a lock whose pid now belongs to an unrelated live process (a reboot reused it) is stale and taken over', async (t) => {
  const dir = await tempDir(t)
  const other = spawnNode(t, '-e', ['setInterval(() => {}, 1000)'])
  await waitFor(() => other.process.pid !== undefined, 5000, 'child pid')
  await fsp.writeFile(join(dir, 'lock'), `${other.process.pid}\n`)
  const s = new DefaultMessageStore(storeConfig(dir), {cleanResourceInterval: 0})
  await s.start()
  t.teardown(() => s.shutdown())
  t.is((await fsp.readFile(join(dir, 'lock'), 'utf8')).trim(), String(process.pid))
  t.is(other.process.exitCode, null, 'the unrelated process is left alone')
})

test('a live broker without this store open is neither trusted nor overridden: refused with what to do', async (t) => {
  const dir = await tempDir(t)
  const broker = spawnNode(t, '-e', ['setInterval(() => {}, 1000)', 'bin/mqbroker.js'])
  await waitFor(() => broker.process.pid !== undefined, 5000, 'child pid')
  await fsp.writeFile(join(dir, 'lock'), `${broker.process.pid}\n`)
  const s = new DefaultMessageStore(storeConfig(dir), {cleanResourceInterval: 0})
  const error = await t.throwsAsync(s.start(), {instanceOf: LockFailedError})
  t.true(error!.message.includes(`if no broker uses ${dir}, delete ${join(dir, 'lock')} and start again`), error!.message)
})

test('a lock file without a pid (as a Java broker leaves it) is stale; shutdown removes ours', async (t) => {
  const dir = await tempDir(t)
  await fsp.writeFile(join(dir, 'lock'), 'lock')
  const s = new DefaultMessageStore(storeConfig(dir), {cleanResourceInterval: 0})
  await s.start()
  await s.shutdown()
  await t.throwsAsync(fsp.access(join(dir, 'lock')), {code: 'ENOENT'})
  t.deepEqual(
    (await fsp.readdir(dir)).filter((n) => n.startsWith('lock')),
    [],
  )
})
