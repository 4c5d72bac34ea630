/**
 * A DLedger group for benchmarks and experiments: two name servers and three mqbroker processes in
 * DLedger mode (broker-a, n0..n2) on free loopback ports in a folder. `timings: 'lab'` writes mqlab's lab
 * keys (200 ms heartbeats, 50-150 ms between vote rounds); 'default' keeps DLedger's own.
 */
import fs from 'node:fs'
import path from 'node:path'
import {setTimeout as delay} from 'node:timers/promises'
import {fileURLToPath} from 'node:url'
import {spawn, type ChildProcess} from 'node:child_process'
import {MQAdmin} from '../src/client/admin/mq-admin.js'
import {freeBrokerPort, freePort} from '../src/lab/free-ports.js'

/** One process of the group. */
export interface BenchProcess {
  name: string
  pid: number
  logPath: string
  pidFile: string
  child: ChildProcess
  /** SIGTERM, SIGKILL after `timeoutMs`; resolves once it exited. */
  stop(timeoutMs?: number): Promise<void>
}

/** Spawns `node [nodeArgs] script args`, logging to <dir>/<name>.log; the child writes its pid to <dir>/<name>.pid once bound. */
function spawnNode(name: string, script: string, args: string[], dir: string, nodeArgs: string[] = []): BenchProcess {
  const logPath = path.join(dir, `${name}.log`)
  const pidFile = path.join(dir, `${name}.pid`)
  fs.rmSync(pidFile, {force: true})
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
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM')
        const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
        await exited
        clearTimeout(timer)
      }
    },
  }
}

/** Waits until the process wrote its pid file (its ports are bound). */
async function waitForFile(p: BenchProcess, deadline: number): Promise<void> {
  while (!fs.existsSync(p.pidFile)) {
    if (p.child.exitCode !== null || p.child.signalCode !== null) throw new Error(`${p.name} exited before binding; see ${p.logPath}`)
    if (Date.now() > deadline) throw new Error(`${p.name} did not bind in time; see ${p.logPath}`)
    await delay(20)
  }
}

const binDir = fileURLToPath(new URL('../../bin/', import.meta.url))
const IDS = ['n0', 'n1', 'n2'] as const

/** The running group. */
export interface DLedgerBenchCluster {
  namesrvAddrs: string[]
  /** Member id → broker address. */
  brokerAddr: Record<string, string>
  processes: Map<string, BenchProcess>
  start(id: string): Promise<void>
  /** The member registered as brokerId 0 on the first name server that answers, or undefined. */
  master(): Promise<string | undefined>
  /** Addresses registered as brokerId 0 for broker-a on each name server. */
  mastersPerNamesrv(): Promise<Array<string | undefined>>
  stop(): Promise<void>
}

/** Starts the group in `dir` and waits until it has a master. */
export async function startDLedgerBenchCluster(options: {
  dir: string
  timings: 'lab' | 'default'
  readyTimeoutMs?: number
  brokerNodeArgs?: string[]
}): Promise<DLedgerBenchCluster> {
  const {dir} = options
  fs.mkdirSync(dir, {recursive: true})
  const started: BenchProcess[] = []
  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000)
  const namesrvAddrs: string[] = []
  for (const n of [1, 2]) {
    const port = await freePort()
    const conf = path.join(dir, `namesrv-${n}.properties`)
    fs.writeFileSync(conf, `listenPort=${port}\nbindAddress=127.0.0.1\nkvConfigPath=${path.join(dir, `namesrv-${n}`, 'kvConfig.json')}\n`)
    const p = spawnNode(`namesrv-${n}`, path.join(binDir, 'mqnamesrv.js'), ['-c', conf], dir)
    started.push(p)
    await waitForFile(p, deadline)
    namesrvAddrs.push(`127.0.0.1:${port}`)
  }
  const ports: number[] = []
  for (const _ of IDS) ports.push(await freeBrokerPort(new Set(ports.flatMap((p) => [p - 2, p, p + 1]))))
  const raft: number[] = []
  for (const _ of IDS) raft.push(await freePort())
  const peers = IDS.map((id, i) => `${id}-127.0.0.1:${raft[i]}`).join(';')
  const brokerAddr: Record<string, string> = {}
  const processes = new Map<string, BenchProcess>()
  IDS.forEach((id, i) => {
    brokerAddr[id] = `127.0.0.1:${ports[i]}`
    const store = path.join(dir, id)
    const lines = [
      'brokerClusterName=BenchCluster',
      'brokerName=broker-a',
      `namesrvAddr=${namesrvAddrs.join(';')}`,
      'brokerIP1=127.0.0.1',
      `listenPort=${ports[i]}`,
      `storePathRootDir=${store}`,
      'mappedFileSizeCommitLog=268435456',
      'enableDLegerCommitLog=true',
      'dLegerGroup=broker-a',
      `dLegerPeers=${peers}`,
      `dLegerSelfId=${id}`,
      'autoCreateTopicEnable=true',
    ]
    if (options.timings === 'lab') lines.push('mqlabDLegerHeartBeatIntervalMs=200', 'mqlabDLegerMinVoteIntervalMs=50', 'mqlabDLegerMaxVoteIntervalMs=150')
    fs.writeFileSync(path.join(dir, `${id}.properties`), lines.join('\n') + '\n')
  })
  const admins = namesrvAddrs.map((a) => new MQAdmin({namesrvAddr: a, requestTimeoutMs: 1000}))
  const start = async (id: string) => {
    const p = spawnNode(id, path.join(binDir, 'mqbroker.js'), ['-c', path.join(dir, `${id}.properties`)], dir, options.brokerNodeArgs)
    processes.set(id, p)
    started.push(p)
  }
  const mastersPerNamesrv = async () =>
    Promise.all(admins.map(async (a) => (await a.clusterInfo().catch(() => undefined))?.brokerAddrTable['broker-a']?.brokerAddrs['0']))
  const cluster: DLedgerBenchCluster = {
    namesrvAddrs,
    brokerAddr,
    processes,
    start,
    mastersPerNamesrv,
    async master() {
      for (const m of await mastersPerNamesrv()) if (m) return Object.keys(brokerAddr).find((id) => brokerAddr[id] === m)
      return undefined
    },
    async stop() {
      await Promise.all(started.map((p) => p.stop()))
      await Promise.all(admins.map((a) => a.close()))
    },
  }
  try {
    for (const id of IDS) await start(id)
    while ((await cluster.master()) === undefined) {
      if (Date.now() > deadline) throw new Error('the DLedger group elected no master in time')
      await delay(50)
    }
    return cluster
  } catch (error) {
    await cluster.stop()
    throw error
  }
}
