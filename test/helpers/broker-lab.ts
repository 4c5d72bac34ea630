import {mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import type {ExecutionContext} from 'ava'
import {BrokerController} from '../../runtime/broker/broker-controller.js'
import {defaultBrokerConfig, type BrokerConfig} from '../../runtime/config/broker-config.js'
import {defaultNamesrvConfig} from '../../runtime/config/namesrv-config.js'
import {NamesrvController} from '../../runtime/namesrv/namesrv-controller.js'
import {MqTestClient} from './mq-test-client.js'
import {waitUntil} from './wait-until.js'

/** A name server and a broker running in this process on free ports, with a temp store. */
export interface BrokerLab {
  namesrv: NamesrvController
  broker: BrokerController
  client: MqTestClient
  storeDir: string
  /** brokerIP1:listenPort of the running broker. */
  readonly brokerAddr: string
  /** Stops the broker gracefully and starts a new one on the same store (new ports). */
  restartBroker(overrides?: Partial<BrokerConfig>): Promise<BrokerController>
  /** The broker configuration used (with the bound port filled in after start). */
  config(): BrokerConfig
}

/** A broker config for tests: loopback, port 0, small files, the given store dir and name server. */
export function testBrokerConfig(storeDir: string, namesrvAddr: string | undefined, overrides: Partial<BrokerConfig> = {}): BrokerConfig {
  return {
    ...defaultBrokerConfig(),
    brokerClusterName: 'TestCluster',
    brokerName: 'broker-t',
    brokerIP1: '127.0.0.1',
    brokerIP2: '127.0.0.1',
    listenPort: 0,
    haListenPort: 0,
    namesrvAddr,
    storePathRootDir: storeDir,
    storePathCommitLog: join(storeDir, 'commitlog'),
    mappedFileSizeCommitLog: 4 * 1024 * 1024,
    mappedFileSizeConsumeQueue: 20 * 10_000,
    ...overrides,
  }
}

/** Starts a lab; everything is shut down and the store removed in the test's teardown. */
export async function startBrokerLab(t: ExecutionContext, overrides: Partial<BrokerConfig> = {}): Promise<BrokerLab> {
  const storeDir = await mkdtemp(join(tmpdir(), 'mqlab-broker-'))
  const namesrv = new NamesrvController({...defaultNamesrvConfig(), listenPort: 0, bindAddress: '127.0.0.1'})
  await namesrv.start()
  const client = new MqTestClient()
  let config = testBrokerConfig(storeDir, namesrv.address, overrides)
  let broker = new BrokerController(config)
  const teardown = async () => {
    await client.close()
    await broker.shutdown()
    await namesrv.shutdown()
    await rm(storeDir, {recursive: true, force: true})
  }
  t.teardown(teardown)
  await broker.start()
  const lab: BrokerLab = {
    namesrv,
    get broker() {
      return broker
    },
    client,
    storeDir,
    get brokerAddr() {
      return broker.brokerAddr
    },
    async restartBroker(more: Partial<BrokerConfig> = {}) {
      await broker.shutdown()
      config = {...config, ...more}
      broker = new BrokerController(config)
      await broker.start()
      await waitUntil(() => client.brokerRegistered(namesrv.address, broker.brokerAddr), 'broker registered again')
      return broker
    },
    config: () => ({...config, listenPort: broker.listenPort}),
  }
  await waitUntil(() => client.brokerRegistered(namesrv.address, broker.brokerAddr), 'broker registered')
  return lab
}
