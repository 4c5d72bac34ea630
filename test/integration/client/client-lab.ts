/**
 * A real name server and brokers in this process, on free loopback ports with temp stores, for the
 * client's integration tests. Everything is shut down and removed in the test's teardown.
 */
import {mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import type {ExecutionContext} from 'ava'
import {BrokerController} from '../../../runtime/broker/broker-controller.js'
import {defaultBrokerConfig, type BrokerConfig} from '../../../runtime/config/broker-config.js'
import {defaultNamesrvConfig} from '../../../runtime/config/namesrv-config.js'
import {NamesrvController} from '../../../runtime/namesrv/namesrv-controller.js'
import {MQAdmin} from '../../../src/client/admin/mq-admin.js'
import {waitUntil} from '../../helpers/wait-until.js'

/** The running lab. */
export interface ClientLab {
  namesrvAddr: string
  cluster: string
  /** Masters by brokerName; slaves as "<brokerName>-s". */
  brokers: Map<string, BrokerController>
  /** An admin client for checks (closed in teardown). */
  admin: MQAdmin
  /** Shuts a broker down (it unregisters and closes its ports: clients see connections refused). */
  stopBroker(key: string): Promise<void>
  /** Waits until HA replication (runtime/ha) has copied the master's commitlog to its slave. */
  replicate(brokerName: string): Promise<void>
}

/** Starts a name server, one master per brokerName and a slave (brokerId 1) for each name in `slaves`. */
export async function startClientLab(
  t: ExecutionContext,
  brokerNames: string[],
  overrides: Partial<BrokerConfig> = {},
  slaves: string[] = [],
): Promise<ClientLab> {
  const dirs: string[] = []
  const namesrv = new NamesrvController({...defaultNamesrvConfig(), listenPort: 0, bindAddress: '127.0.0.1'})
  const brokers = new Map<string, BrokerController>()
  let admin: MQAdmin | undefined
  t.teardown(async () => {
    await admin?.close()
    for (const broker of brokers.values()) await broker.shutdown()
    await namesrv.shutdown()
    for (const dir of dirs) await rm(dir, {recursive: true, force: true})
  })
  await namesrv.start()
  const namesrvAddr = namesrv.address
  const cluster = 'ClientTestCluster'
  const nodes = [...brokerNames.map((name) => ({name, id: 0})), ...slaves.map((name) => ({name, id: 1}))]
  for (const {name: brokerName, id} of nodes) {
    const dir = await mkdtemp(join(tmpdir(), `mqlab-client-${brokerName}-${id}-`))
    dirs.push(dir)
    const config: BrokerConfig = {
      ...defaultBrokerConfig(),
      brokerClusterName: cluster,
      brokerName,
      brokerId: id,
      brokerRole: id === 0 ? 'ASYNC_MASTER' : 'SLAVE',
      brokerIP1: '127.0.0.1',
      brokerIP2: '127.0.0.1',
      listenPort: 0,
      haListenPort: 0,
      namesrvAddr,
      storePathRootDir: dir,
      storePathCommitLog: join(dir, 'commitlog'),
      mappedFileSizeCommitLog: 4 * 1024 * 1024,
      mappedFileSizeConsumeQueue: 20 * 10_000,
      ...overrides,
    }
    const broker = new BrokerController(config)
    brokers.set(id === 0 ? brokerName : `${brokerName}-s`, broker)
    await broker.start()
  }
  admin = new MQAdmin({namesrvAddr})
  const a = admin
  await waitUntil(async () => {
    const info = await a.clusterInfo()
    return nodes.every(({name, id}) => info.brokerAddrTable[name]?.brokerAddrs[String(id)] === brokers.get(id === 0 ? name : `${name}-s`)!.brokerAddr)
  }, 'every broker registered with the name server')
  return {
    namesrvAddr,
    cluster,
    brokers,
    admin: a,
    async stopBroker(key) {
      await brokers.get(key)!.shutdown()
    },
    async replicate(brokerName) {
      const master = brokers.get(brokerName)!.store
      const slave = brokers.get(`${brokerName}-s`)!.store
      await waitUntil(() => slave.getMaxPhyOffset() >= master.getMaxPhyOffset(), `${brokerName}-s replicated`, {timeoutMs: 10_000})
    },
  }
}
