/**
 * The benchmark's own cluster: one name server and one broker as child processes (bin/mqnamesrv.js,
 * bin/mqbroker.js with generated .properties), on free loopback ports, in a temp folder. Ready when the
 * broker's pid file exists (written after it bound its ports) and the name server lists it; stopped
 * with SIGTERM (SIGKILL after a timeout) and always reaped.
 */
import {spawn, type ChildProcess} from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import {setTimeout as delay} from 'node:timers/promises'
import {fileURLToPath} from 'node:url'
import type {FlushDiskType} from '../runtime/config/broker-config.js'
import {MQAdmin} from '../src/client/admin/mq-admin.js'

const binDir = fileURLToPath(new URL('../../bin/', import.meta.url))

/** A child process of the bench, with its log. */
export interface BenchProcess {
  name: string
  pid: number
  logPath: string
  /** SIGTERM, SIGKILL after `timeoutMs`; resolves once it has exited. */
  stop(timeoutMs?: number): Promise<void>
}

/** A running name server + broker. */
export interface BenchCluster {
  namesrvAddr: string
  brokerAddr: string
  namesrv: BenchProcess
  broker: BenchProcess
  stop(): Promise<void>
}

/** How to start the cluster. */
export interface BenchClusterOptions {
  dir: string
  flushDiskType: FlushDiskType
  /** Extra node arguments for the broker (e.g. --cpu-prof). */
  brokerNodeArgs?: string[]
  readyTimeoutMs?: number
}

/** Starts a name server and an ASYNC_MASTER broker with the given flush type in `dir`. */
export async function startBenchCluster(options: BenchClusterOptions): Promise<BenchCluster> {
  const {dir} = options
  fs.mkdirSync(dir, {recursive: true})
  const started: BenchProcess[] = []
  try {
    const deadline = Date.now() + (options.readyTimeoutMs ?? 20_000)
    const {namesrv, namesrvPort, namesrvAddr} = await startBenchNamesrv(dir, started, deadline)

    const port = await freeBrokerPort([namesrvPort])
    const store = path.join(dir, 'broker')
    const brokerConf = path.join(dir, 'broker.properties')
    fs.writeFileSync(
      brokerConf,
      [
        'brokerClusterName=BenchCluster',
        'brokerName=bench-a',
        'brokerId=0',
        'brokerRole=ASYNC_MASTER',
        `flushDiskType=${options.flushDiskType}`,
        `namesrvAddr=${namesrvAddr}`,
        'brokerIP1=127.0.0.1',
        `listenPort=${port}`,
        `storePathRootDir=${store}`,
        `storePathCommitLog=${path.join(store, 'commitlog')}`,
        'mappedFileSizeCommitLog=268435456',
        'autoCreateTopicEnable=true',
        '',
      ].join('\n'),
    )
    const broker = spawnNode('broker', path.join(binDir, 'mqbroker.js'), ['-c', brokerConf], dir, options.brokerNodeArgs)
    started.push(broker)
    await waitForFile(broker, deadline)
    const brokerAddr = `127.0.0.1:${port}`
    await waitRegistered(namesrvAddr, brokerAddr, deadline)
    return {
      namesrvAddr,
      brokerAddr,
      namesrv,
      broker,
      async stop() {
        await broker.stop()
        await namesrv.stop()
      },
    }
  } catch (err) {
    for (const p of started.reverse()) await p.stop(2000)
    throw err
  }
}

/** Starts a name server on a free loopback port in `dir` (pushed onto `started`) and waits for its pid file. */
export async function startBenchNamesrv(dir: string, started: BenchProcess[], deadline: number): Promise<{namesrv: BenchProcess; namesrvPort: number; namesrvAddr: string}> {
  const namesrvPort = await freePort()
  const namesrvConf = path.join(dir, 'namesrv.properties')
  fs.writeFileSync(namesrvConf, `listenPort=${namesrvPort}\nbindAddress=127.0.0.1\nkvConfigPath=${path.join(dir, 'namesrv', 'kvConfig.json')}\n`)
  const namesrv = spawnNode('namesrv', path.join(binDir, 'mqnamesrv.js'), ['-c', namesrvConf], dir)
  started.push(namesrv)
  await waitForFile(namesrv, deadline)
  return {namesrv, namesrvPort, namesrvAddr: `127.0.0.1:${namesrvPort}`}
}

/** Spawns `node [nodeArgs] script args`, logging to <dir>/<name>.log and writing its pid to <dir>/<name>.pid. */
export function spawnNode(name: string, script: string, args: string[], dir: string, nodeArgs: string[] = []): BenchProcess & {pidFile: string; child: ChildProcess} {
  const logPath = path.join(dir, `${name}.log`)
  const pidFile = path.join(dir, `${name}.pid`)
  const log = fs.openSync(logPath, 'a')
  const child = spawn(process.execPath, [...nodeArgs, script, ...args], {cwd: dir, stdio: ['ignore', log, log], env: {...process.env, MQLAB_PID_FILE: pidFile}})
  fs.closeSync(log)
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return {
    name,
    pid: child.pid!,
    logPath,
    pidFile,
    child,
    async stop(timeoutMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
      await exited
      clearTimeout(timer)
    },
  }
}

/** Waits until the process has written its pid file (its ports are bound); throws if it exits or the deadline passes. */
export async function waitForFile(p: ReturnType<typeof spawnNode>, deadline: number): Promise<void> {
  while (!fs.existsSync(p.pidFile)) {
    if (p.child.exitCode !== null || p.child.signalCode !== null) throw new Error(`${p.name} exited while starting: ${tail(p.logPath)}`)
    if (Date.now() > deadline) throw new Error(`${p.name} did not start in time: ${tail(p.logPath)}`)
    await delay(20)
  }
}

/** Waits until the name server lists `brokerAddr` under some brokerName. */
export async function waitRegistered(namesrvAddr: string, brokerAddr: string, deadline: number): Promise<void> {
  const admin = new MQAdmin({namesrvAddr, requestTimeoutMs: 1000})
  try {
    for (;;) {
      const info = await admin.clusterInfo().catch(() => undefined)
      if (info !== undefined && Object.values(info.brokerAddrTable).some((b) => Object.values(b.brokerAddrs).includes(brokerAddr))) return
      if (Date.now() > deadline) throw new Error(`broker ${brokerAddr} did not register with ${namesrvAddr} in time`)
      await delay(20)
    }
  } finally {
    await admin.close()
  }
}

function tail(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-10).join('\n')
  } catch {
    return '(no log)'
  }
}

/** A loopback port free a moment ago. */
export async function freePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve))
  const port = (server.address() as net.AddressInfo).port
  await new Promise((resolve) => server.close(resolve))
  return port
}

async function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer()
    s.once('error', () => resolve(false))
    s.listen({host: '127.0.0.1', port, exclusive: true}, () => s.close(() => resolve(true)))
  })
}

/** A listenPort whose listenPort-2 and listenPort+1 are free too (a broker binds all three). */
export async function freeBrokerPort(avoid: number[] = []): Promise<number> {
  for (let i = 0; i < 100; i++) {
    const p = await freePort()
    if (p - 2 < 1024 || p + 1 > 65535 || [p - 2, p, p + 1].some((x) => avoid.includes(x))) continue
    if ((await portFree(p - 2)) && (await portFree(p + 1))) return p
  }
  throw new Error('no three free loopback ports found')
}
