/**
 * RocketMQ's DLedgerRoleChangeHandler: turns raft role changes into broker role changes, one at a time.
 *
 * - CANDIDATE: becomes SLAVE (brokerId = self id digits + 1) unless it already is one;
 * - FOLLOWER: becomes SLAVE;
 * - LEADER: checks every 100 ms, while still leader of that term, until its log is empty or fully
 *   committed and dispatched; then rebuilds the next queue offsets from the consume queues and becomes
 *   SYNC_MASTER with brokerId 0. Until then it is still a SLAVE and refuses sends (code 14).
 * Each change re-registers with every name server.
 */
import type {Logger} from '../../common/logger.js'
import type {BrokerRole} from '../../config/broker-config.js'
import type {RaftRole} from '../../raft/raft-types.js'
import type {DLedgerMessageStore} from './dledger-message-store.js'

/** What the handler needs from the broker. */
export interface RoleChangeTarget {
  readonly config: {brokerRole: BrokerRole; brokerId: number}
  changeRole(role: BrokerRole, brokerId: number): Promise<void>
}

/** Attaches the handler; role changes wait for `ready` (the broker's start). */
export function attachDLedgerRoleChangeHandler(
  store: DLedgerMessageStore,
  broker: RoleChangeTarget,
  slaveBrokerId: number,
  ready: Promise<void>,
  logger: Logger,
): void {
  let chain: Promise<void> = ready
  const run = (task: () => Promise<void>) => {
    chain = chain.then(task).catch((error: unknown) => logger.error('handling a DLedger role change failed', error))
  }
  store.dledger.onRoleChange((term, role: RaftRole) => {
    if (role === 'CANDIDATE') {
      run(async () => {
        if (broker.config.brokerRole !== 'SLAVE') await changeToSlave()
      })
    } else if (role === 'FOLLOWER') {
      run(changeToSlave)
    } else {
      run(() => becomeMaster(term))
    }
  })

  async function changeToSlave(): Promise<void> {
    logger.info(`DLedger role change: SLAVE, brokerId ${slaveBrokerId}`)
    await broker.changeRole('SLAVE', slaveBrokerId)
  }

  async function becomeMaster(term: number): Promise<void> {
    const stillLeader = () => {
      const s = store.raftStatus()
      return s.role === 'LEADER' && s.term === term
    }
    for (;;) {
      if (!stillLeader()) return
      const s = store.raftStatus()
      if (s.endIndex === -1 || (s.endIndex === s.committedIndex && store.dispatchBehindBytes() === 0)) break
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    store.recoverTopicQueueTable()
    logger.info(`DLedger role change: leader of term ${term}, now SYNC_MASTER with brokerId 0`)
    await broker.changeRole('SYNC_MASTER', 0)
  }
}
