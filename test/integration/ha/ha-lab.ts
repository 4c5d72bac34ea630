/**
 * A name server, a master and (on demand) a slave of the same broker group, in this process on free
 * loopback ports with temp stores and short HA intervals, for the replication tests. Everything is
 * shut down and removed in the test's teardown.
 */
import {mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import type {ExecutionContext} from 'ava'
import {BrokerController} from '../../../runtime/broker/broker-controller.js'
import type {BrokerConfig} from '../../../runtime/config/broker-config.js'
import {defaultNamesrvConfig} from '../../../runtime/config/namesrv-config.js'
import {NamesrvController} from '../../../runtime/namesrv/namesrv-controller.js'
import {decodeHaStatus, type HaStatus} from '../../../runtime/remoting/body/ha-status.js'
import {RequestCode} from '../../../runtime/remoting/request-code.js'
import type {DefaultMessageStore} from '../../../runtime/store/default-message-store.js'
import {testBrokerConfig} from '../../helpers/broker-lab.js'
import {MqTestClient} from '../../helpers/mq-test-client.js'
import {waitUntil} from '../../helpers/wait-until.js'

/** Short HA intervals so faults show within a test's patience. */
export const FAST_HA: Partial<BrokerConfig> = {
  haSendHeartbeatInterval: 200,
  haHousekeepingInterval: 3000,
  slaveTimeout: 1500,
  mappedFileSizeCommitLog: 256 * 1024,
}

/** Reconnect wait of the lab's slaves (RocketMQ: 5 s). */
export const RECONNECT_MS = 150

/** The running lab. */
export interface HaLab {
  namesrv: NamesrvController
  client: MqTestClient
  readonly master: BrokerController
  readonly slave: BrokerController | undefined
  masterDir: string
  slaveDir: string
  /** Starts (or restarts, on its store) the slave with brokerId 1. */
  startSlave(overrides?: Partial<BrokerConfig>): Promise<BrokerController>
  /** Stops the slave (its HA connection closes, as when its process dies). */
  stopSlave(): Promise<void>
  /** Stops the master gracefully. */
  stopMaster(): Promise<void>
  /**
   * Starts the master again on its store (on new ports: the slave learns them at its next registration,
   * which a test can trigger with slave.registerBrokerAll()).
   */
  restartMaster(overrides?: Partial<BrokerConfig>): Promise<BrokerController>
}

/** Starts a name server and a master (SYNC_MASTER unless overridden) on fixed free ports. */
export async function startHaLab(t: ExecutionContext, masterOverrides: Partial<BrokerConfig> = {}): Promise<HaLab> {
  const masterDir = await mkdtemp(join(tmpdir(), 'mqlab-ha-master-'))
  const slaveDir = await mkdtemp(join(tmpdir(), 'mqlab-ha-slave-'))
  const namesrv = new NamesrvController({...defaultNamesrvConfig(), listenPort: 0, bindAddress: '127.0.0.1'})
  const client = new MqTestClient()
  let master: BrokerController | undefined
  let slave: BrokerController | undefined
  t.teardown(async () => {
    await client.close()
    await slave?.shutdown()
    await master?.shutdown()
    await namesrv.shutdown()
    await rm(masterDir, {recursive: true, force: true})
    await rm(slaveDir, {recursive: true, force: true})
  })
  await namesrv.start()
  let masterConfig = testBrokerConfig(masterDir, namesrv.address, {brokerName: 'broker-ha', brokerRole: 'SYNC_MASTER', ...FAST_HA, ...masterOverrides})
  const startMaster = async () => {
    const b = new BrokerController(masterConfig)
    master = b
    await b.start()
    await waitUntil(() => client.brokerRegistered(namesrv.address, b.brokerAddr), 'master registered')
    return b
  }
  await startMaster()
  let slaveOverrides: Partial<BrokerConfig> = {}
  return {
    namesrv,
    client,
    masterDir,
    slaveDir,
    get master() {
      return master!
    },
    get slave() {
      return slave
    },
    async startSlave(overrides = {}) {
      await slave?.shutdown()
      slaveOverrides = {...slaveOverrides, ...overrides}
      const config = testBrokerConfig(slaveDir, namesrv.address, {
        brokerName: 'broker-ha',
        brokerRole: 'SLAVE',
        brokerId: 1,
        ...FAST_HA,
        mappedFileSizeCommitLog: masterConfig.mappedFileSizeCommitLog,
        ...slaveOverrides,
      })
      const b = new BrokerController(config, {haReconnectIntervalMs: RECONNECT_MS})
      slave = b
      await b.start()
      return b
    },
    async stopSlave() {
      await slave?.shutdown()
    },
    async stopMaster() {
      await master?.shutdown()
    },
    async restartMaster(overrides = {}) {
      await master?.shutdown()
      masterConfig = {...masterConfig, ...overrides}
      return startMaster()
    },
  }
}

/** MQLAB_GET_HA_STATUS from a broker. */
export async function haStatus(client: MqTestClient, addr: string): Promise<HaStatus> {
  const r = await client.invoke(addr, RequestCode.MQLAB_GET_HA_STATUS)
  if (r.code !== 0 || !r.body) throw new Error(`HA status from ${addr}: code ${r.code} ${r.remark ?? ''}`)
  return decodeHaStatus(r.body)
}

/** Waits until the slave's commitlog ends where the master's does (and is dispatched). */
export async function waitCaughtUp(master: BrokerController, slave: BrokerController, timeoutMs = 10_000): Promise<void> {
  await waitUntil(
    () => slave.store.getMaxPhyOffset() === master.store.getMaxPhyOffset() && (slave.store as DefaultMessageStore).dispatchBehindBytes() === 0,
    `slave caught up with the master at ${master.store.getMaxPhyOffset()} (slave at ${slave.store.getMaxPhyOffset()})`,
    {timeoutMs},
  )
}
