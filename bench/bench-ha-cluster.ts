/**
 * The HA benchmark's cluster: a name server, a master (ASYNC_MASTER or SYNC_MASTER) and its slave as
 * child processes on free loopback ports in a temp folder. Ready when both brokers are registered and
 * the slave's HA link to the master is up (its MQLAB_GET_HA_STATUS says CONNECTED); stopped with
 * SIGTERM (SIGKILL after a timeout) and always reaped.
 */
import fs from 'node:fs'
import path from 'node:path'
import {setTimeout as delay} from 'node:timers/promises'
import {fileURLToPath} from 'node:url'
import type {HaRole} from '../runtime/remoting/body/ha-status.js'
import {fetchHaSample} from '../src/client/admin/ha-status-fetch.js'
import {MQClientInstance} from '../src/client/mq-client-instance.js'
import {freeBrokerPort, spawnNode, startBenchNamesrv, waitForFile, waitRegistered, type BenchProcess} from './bench-cluster.js'

const binDir = fileURLToPath(new URL('../../bin/', import.meta.url))

/** A running name server + master + slave. */
export interface HaBenchCluster {
  namesrvAddr: string
  masterAddr: string
  slaveAddr: string
  processes: BenchProcess[]
  stop(): Promise<void>
}

/** Starts the three processes in `dir`; the master has `role`. */
export async function startHaBenchCluster(options: {dir: string; role: Exclude<HaRole, 'SLAVE'>; readyTimeoutMs?: number}): Promise<HaBenchCluster> {
  const {dir} = options
  fs.mkdirSync(dir, {recursive: true})
  const started: BenchProcess[] = []
  try {
    const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000)
    const {namesrvPort, namesrvAddr} = await startBenchNamesrv(dir, started, deadline)

    const masterPort = await freeBrokerPort([namesrvPort])
    const slavePort = await freeBrokerPort([namesrvPort, masterPort - 2, masterPort, masterPort + 1])
    const broker = (name: string, port: number, id: number, role: HaRole) => {
      const store = path.join(dir, name)
      const conf = path.join(dir, `${name}.properties`)
      fs.writeFileSync(
        conf,
        [
          'brokerClusterName=BenchCluster',
          'brokerName=bench-ha',
          `brokerId=${id}`,
          `brokerRole=${role}`,
          'flushDiskType=ASYNC_FLUSH',
          `namesrvAddr=${namesrvAddr}`,
          'brokerIP1=127.0.0.1',
          `listenPort=${port}`,
          `haListenPort=${port + 1}`,
          `storePathRootDir=${store}`,
          `storePathCommitLog=${path.join(store, 'commitlog')}`,
          'mappedFileSizeCommitLog=268435456',
          'autoCreateTopicEnable=true',
          '',
        ].join('\n'),
      )
      const p = spawnNode(name, path.join(binDir, 'mqbroker.js'), ['-c', conf], dir)
      started.push(p)
      return p
    }
    const master = broker('master', masterPort, 0, options.role)
    await waitForFile(master, deadline)
    const masterAddr = `127.0.0.1:${masterPort}`
    await waitRegistered(namesrvAddr, masterAddr, deadline)
    const slave = broker('slave', slavePort, 1, 'SLAVE')
    await waitForFile(slave, deadline)
    const slaveAddr = `127.0.0.1:${slavePort}`
    await waitRegistered(namesrvAddr, slaveAddr, deadline)
    await waitConnected(namesrvAddr, slaveAddr, deadline)
    return {
      namesrvAddr,
      masterAddr,
      slaveAddr,
      processes: started,
      async stop() {
        for (const p of [...started].reverse()) await p.stop()
      },
    }
  } catch (err) {
    for (const p of started.reverse()) await p.stop(2000)
    throw err
  }
}

/** Waits until the slave reports its HA link to the master as CONNECTED. */
async function waitConnected(namesrvAddr: string, slaveAddr: string, deadline: number): Promise<void> {
  const client = new MQClientInstance({namesrvAddr, requestTimeoutMs: 1000})
  try {
    for (;;) {
      const sample = await fetchHaSample(slaveAddr, {remoting: client.remoting, now: Date.now, timeoutMs: 1000})
      if (sample.source === 'mqlab' && sample.status.slave?.state === 'CONNECTED') return
      if (Date.now() > deadline) throw new Error(`slave ${slaveAddr} did not connect to its master in time (${sample.source === 'mqlab' ? (sample.status.slave?.lastError ?? sample.status.slave?.state) : sample.source})`)
      await delay(20)
    }
  } finally {
    await client.close()
  }
}
