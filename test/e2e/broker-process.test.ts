import test from 'ava'
import {existsSync} from 'node:fs'
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import net from 'node:net'
import {once} from 'node:events'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {spawnRuntime} from '../helpers/runtime-process.js'
import {MqTestClient} from '../helpers/mq-test-client.js'
import {waitUntil} from '../helpers/wait-until.js'
import {freeBrokerPort, freeLoopbackPort} from '../helpers/broker-ports.js'

async function tempDir(t: {teardown(fn: () => unknown): void}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mqlab-broker-proc-'))
  t.teardown(() => rm(dir, {recursive: true, force: true}))
  return dir
}

test('a bad config exits 1 with the file:line problem on stderr', async (t) => {
  const dir = await tempDir(t)
  const file = join(dir, 'broker-a.properties')
  await writeFile(file, `brokerName=broker-a\nstorePathRootDir=${join(dir, 'store')}\nlistenport=10911\n`)
  const broker = spawnRuntime(t, 'mqbroker', ['-c', file])
  t.is(await broker.exited, 1)
  t.true(broker.output().includes(`${file}:3: listenport: unknown key (did you mean listenPort?)`), broker.output())
})

test('a taken listenPort exits 1 naming the port and what it is for', async (t) => {
  const dir = await tempDir(t)
  const blocker = net.createServer().listen(0, '127.0.0.1')
  await once(blocker, 'listening')
  t.teardown(() => blocker.close())
  const port = (blocker.address() as net.AddressInfo).port
  const file = join(dir, 'broker-a.properties')
  await writeFile(file, `brokerName=broker-a\nlistenPort=${port}\nstorePathRootDir=${join(dir, 'store')}\nmappedFileSizeCommitLog=8388608\n`)
  const broker = spawnRuntime(t, 'mqbroker', ['-c', file])
  t.is(await broker.exited, 1)
  t.true(broker.output().includes(`port ${port} (broker-a listenPort) is already in use`), broker.output())
})

test('the pid file appears after binding; SIGTERM unregisters and exits 0, leaving no abort file', async (t) => {
  const dir = await tempDir(t)
  const nsPort = await freeLoopbackPort()
  const port = await freeBrokerPort()
  await writeFile(join(dir, 'ns.properties'), `listenPort=${nsPort}\n`)
  const store = join(dir, 'store')
  await writeFile(join(dir, 'broker-a.properties'), `brokerName=broker-a\nlistenPort=${port}\nstorePathRootDir=${store}\nmappedFileSizeCommitLog=8388608\n`)
  spawnRuntime(t, 'mqnamesrv', ['-c', join(dir, 'ns.properties')])
  const pidFile = join(dir, 'broker-a.pid')
  // -n overrides namesrvAddr (absent from the file).
  const broker = spawnRuntime(t, 'mqbroker', ['-c', join(dir, 'broker-a.properties'), '-n', `127.0.0.1:${nsPort}`], {MQLAB_PID_FILE: pidFile})
  const client = new MqTestClient()
  t.teardown(() => client.close())
  await waitUntil(() => client.brokerRegistered(`127.0.0.1:${nsPort}`, `127.0.0.1:${port}`), 'the broker registered', {timeoutMs: 90_000, intervalMs: 50})
  // Registration happens inside start(); the pid file follows it, so wait for the file rather than race it.
  await waitUntil(() => existsSync(pidFile), 'the pid file', {timeoutMs: 30_000, intervalMs: 20})
  t.is((await readFile(pidFile, 'utf8')).trim(), String(broker.child.pid))
  t.true(existsSync(join(store, 'abort')) && existsSync(join(store, 'lock')))
  // The fast channel is bound too.
  t.is((await client.createTopic(`127.0.0.1:${port - 2}`, 'ViaFast', 1)).code, 0)
  t.is(await broker.stop('SIGTERM'), 0)
  t.false(await client.brokerRegistered(`127.0.0.1:${nsPort}`, `127.0.0.1:${port}`), 'unregistered on shutdown')
  t.false(existsSync(join(store, 'abort')), 'abort file deleted')
  t.true(existsSync(join(store, 'config', 'topics.json')))
})
