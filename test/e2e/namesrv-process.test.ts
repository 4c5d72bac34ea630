import test from 'ava'
import net from 'node:net'
import {once} from 'node:events'
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {createRequest} from '../../runtime/remoting/remoting-command.js'
import {RemotingClient} from '../../runtime/remoting/remoting-client.js'
import {RequestCode} from '../../runtime/remoting/request-code.js'
import {spawnNode} from '../helpers/child-process.js'
import {freePort} from '../helpers/free-port.js'
import {waitUntil} from '../helpers/wait-until.js'

// dist/test/e2e → repository root
const root = fileURLToPath(new URL('../../../', import.meta.url))
const bin = join(root, 'bin', 'mqnamesrv.js')

async function tempDir(t: {teardown(fn: () => unknown): void}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mqlab-namesrv-e2e-'))
  t.teardown(() => rm(dir, {recursive: true, force: true}))
  return dir
}

test('mqnamesrv -c FILE answers on its port, writes its pid file, and exits 0 on SIGTERM', async (t) => {
  const dir = await tempDir(t)
  const port = await freePort()
  const conf = join(dir, 'namesrv-1.properties')
  await writeFile(conf, `listenPort=${port}\nkvConfigPath=${join(dir, 'kv.json')}\n`)
  const pidFile = join(dir, 'namesrv-1.pid')
  const child = spawnNode(t, bin, ['-c', conf], {env: {MQLAB_PID_FILE: pidFile}})
  const client = new RemotingClient({connectTimeoutMs: 500})
  t.teardown(() => client.close())
  const info = await waitUntil(
    () => client.invoke(`127.0.0.1:${port}`, createRequest(RequestCode.GET_BROKER_CLUSTER_INFO), 1000).catch(() => undefined),
    'the name server to answer',
    {timeoutMs: 60_000, intervalMs: 50},
  )
  t.is(info.code, 0)
  t.is((await readFile(pidFile, 'utf8')).trim(), String(child.process.pid))
  const put = await client.invoke(`127.0.0.1:${port}`, createRequest(RequestCode.PUT_KV_CONFIG, {namespace: 'N', key: 'k', value: 'v'}), 3000)
  t.is(put.code, 0)
  child.process.kill('SIGTERM')
  t.is(await child.exited, 0)
  t.regex(child.stdout(), /boot success/)
  t.deepEqual(JSON.parse(await readFile(join(dir, 'kv.json'), 'utf8')), {configTable: {N: {k: 'v'}}})
})

test('a bad config file exits non-zero with file:line', async (t) => {
  const dir = await tempDir(t)
  const conf = join(dir, 'namesrv-1.properties')
  await writeFile(conf, 'listenPort=9876\nlistenport=9877\n')
  const child = spawnNode(t, bin, ['-c', conf])
  t.is(await child.exited, 1)
  t.true(child.stderr().includes(`${conf}:2: listenport`), child.stderr())
})

test('a missing config file exits non-zero naming it', async (t) => {
  const dir = await tempDir(t)
  const child = spawnNode(t, bin, ['-c', join(dir, 'nope.properties')])
  t.is(await child.exited, 1)
  t.true(child.stderr().includes('nope.properties'), child.stderr())
})

test('a port in use exits non-zero naming the port and its purpose', async (t) => {
  const dir = await tempDir(t)
  const holder = net.createServer()
  holder.listen(0, '127.0.0.1')
  await once(holder, 'listening')
  t.teardown(() => new Promise<void>((resolve) => holder.close(() => resolve())))
  const port = (holder.address() as net.AddressInfo).port
  const conf = join(dir, 'namesrv-1.properties')
  await writeFile(conf, `listenPort=${port}\n`)
  const child = spawnNode(t, bin, ['-c', conf])
  t.is(await child.exited, 1)
  t.regex(child.stderr(), new RegExp(`port ${port} \\(namesrv listenPort\\) is already in use`))
})
