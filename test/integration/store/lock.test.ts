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

test('a lock held by another live process refuses; once it is dead the lock is taken over', async (t) => {
  const dir = await tempDir(t)
  const holder = spawnNode(t, '-e', ['setInterval(() => {}, 1000)'])
  await waitFor(() => holder.process.pid !== undefined, 5000, 'child pid')
  const pid = holder.process.pid!
  await fsp.writeFile(join(dir, 'lock'), `${pid}\n`)
  const s = new DefaultMessageStore(storeConfig(dir), {cleanResourceInterval: 0})
  const error = await t.throwsAsync(s.start(), {instanceOf: LockFailedError})
  t.true(error!.message.includes(`held by pid ${pid}`))
  holder.process.kill('SIGKILL')
  await holder.exited
  const again = new DefaultMessageStore(storeConfig(dir), {cleanResourceInterval: 0})
  await again.start()
  t.teardown(() => again.shutdown())
  t.is((await fsp.readFile(join(dir, 'lock'), 'utf8')).trim(), String(process.pid))
})

test('a lock file without a pid (as a Java broker leaves it) is stale; shutdown removes ours', async (t) => {
  const dir = await tempDir(t)
  await fsp.writeFile(join(dir, 'lock'), 'lock')
  const s = new DefaultMessageStore(storeConfig(dir), {cleanResourceInterval: 0})
  await s.start()
  await s.shutdown()
  await t.throwsAsync(fsp.access(join(dir, 'lock')), {code: 'ENOENT'})
  t.deepEqual((await fsp.readdir(dir)).filter((n) => n.startsWith('lock')), [])
})
