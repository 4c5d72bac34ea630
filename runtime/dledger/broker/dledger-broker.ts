/**
 * A broker in DLedger mode (BrokerStartup + BrokerController with enableDLegerCommitLog=true): brokerId
 * −1 until the first role change, the DLedger message store instead of the classic commitlog, no classic
 * HA, no registration at start (the periodic one, first after 10 s, still runs), and the role-change handler.
 */
import type {Logger} from '../../common/logger.js'
import {realTimers, type Timers} from '../../common/timers.js'
import type {BrokerConfig} from '../../config/broker-config.js'
import {BrokerController} from '../../broker/broker-controller.js'
import {dledgerSettings} from '../dledger-config.js'
import {DLedgerMessageStore} from './dledger-message-store.js'
import {attachDLedgerRoleChangeHandler} from './dledger-role-change-handler.js'

/** The broker and its DLedger store. */
export interface DLedgerBroker {
  readonly broker: BrokerController
  readonly store: () => DLedgerMessageStore
  /** Starts the broker; role changes are applied once it runs. */
  start(): Promise<void>
}

/** Builds a DLedger-mode broker from its configuration. */
export function createDLedgerBroker(config: BrokerConfig, options: {logger: Logger; timers?: Timers}): DLedgerBroker {
  const settings = dledgerSettings(config)
  const timers = options.timers ?? realTimers
  // BrokerStartup: in DLedger mode brokerId is forced to −1 (apache/rocketmq#1464).
  const broker = new BrokerController(
    {...config, brokerId: -1},
    {
      logger: options.logger,
      timers,
      createStore: (live, logger) => {
        store = new DLedgerMessageStore(live, timers, logger)
        attachDLedgerRoleChangeHandler(store, broker, settings.slaveBrokerId, started, options.logger.child('dledger-role'))
        return store
      },
    },
  )
  let store: DLedgerMessageStore | undefined
  let markStarted: () => void = () => undefined
  const started = new Promise<void>((resolve) => (markStarted = resolve))
  return {
    broker,
    store: () => {
      if (!store) throw new Error('broker not started')
      return store
    },
    async start() {
      await broker.start()
      markStarted()
    },
  }
}
