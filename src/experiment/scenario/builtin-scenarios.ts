/**
 * The built-in scenarios: the failures the seed documents argue about, each as data. Short by default
 * (a few seconds of workload), so a comparison across templates takes minutes, not hours.
 */
import type {Scenario} from './scenario.js'

const workload = {producers: 1, inflight: 4, size: 128, keys: 16, consumers: 1}
/** Consumers that start after the fault: the dead group then has a backlog, and the failover of reads shows. */
const lateConsumers = {...workload, consumerStart: '3s'}

export const BUILTIN_SCENARIOS: readonly Scenario[] = [
  {
    name: 'kill-master',
    description:
      "SIGKILL broker-a's master mid-stream; after the survivors were read, start it again. Who serves broker-a's messages meanwhile, what waited for the restart, what was lost.",
    template: '2m-2s-sync',
    templates: ['2m-noslave', '2m-2s-async', '2m-2s-sync'],
    workload: lateConsumers,
    duration: '6s',
    faults: [
      {at: '2s', kill: 'broker-a-master'},
      {at: 'drained', start: 'broker-a-master'},
    ],
    checks: {lost: 0},
    checksByTemplate: {
      // SYNC_MASTER: every SEND_OK was on the slave, so nothing needs the master back.
      '2m-2s-sync': {lost: 0, waitedForRestart: 0},
    },
  },
  {
    name: 'pause-master',
    description: "SIGSTOP broker-a's master for 3 s, then SIGCONT: sends in flight get no answer (unknown), are retried elsewhere, and may be stored twice.",
    template: '2m-2s-sync',
    templates: ['2m-noslave', '2m-2s-async', '2m-2s-sync'],
    workload,
    duration: '7s',
    faults: [
      {at: '2s', pause: 'broker-a-master'},
      {at: '5s', resume: 'broker-a-master'},
    ],
    checks: {lost: 0},
  },
  {
    name: 'kill-slave',
    description: "SIGKILL broker-a's slave, start it 3 s later: a SYNC_MASTER then answers SLAVE_NOT_AVAILABLE (stored on the master only).",
    template: '2m-2s-sync',
    templates: ['2m-2s-sync', '2m-2s-async'],
    workload,
    duration: '7s',
    faults: [
      {at: '2s', kill: 'broker-a-slave'},
      {at: '5s', start: 'broker-a-slave'},
    ],
    checks: {lost: 0},
    checksByTemplate: {'2m-2s-sync': {lost: 0, degraded: {min: 1}}},
  },
  {
    name: 'partition-master-slave',
    description:
      "Cut broker-a's HA link (slave → master, both ways) for 3 s through the lab's relay, then heal: a SYNC_MASTER waits for its slave (FLUSH_SLAVE_TIMEOUT after syncFlushTimeout), and the link resumes intact.",
    template: '2m-2s-sync',
    templates: ['2m-2s-sync', '2m-2s-async'],
    workload,
    duration: '7s',
    faults: [
      {at: '2s', partition: ['broker-a-slave', 'broker-a-master']},
      {at: '5s', heal: 'all'},
    ],
    checks: {lost: 0},
  },
  {
    name: 'kill-namesrv',
    description: 'SIGKILL one of two name servers, start it 3 s later: routes keep coming from the other; sends and pulls carry on.',
    template: '2m-2s-sync',
    templates: ['2m-noslave', '2m-2s-async', '2m-2s-sync'],
    namesrv: 2,
    workload,
    duration: '7s',
    faults: [
      {at: '2s', kill: 'namesrv-1'},
      {at: '5s', start: 'namesrv-1'},
    ],
    checks: {lost: 0},
  },
  {
    name: 'restart-all',
    description: 'Restart every node (stop with SIGTERM, start in order) mid-stream: nothing acknowledged may be lost.',
    template: '2m-2s-sync',
    templates: ['2m-noslave', '2m-2s-async', '2m-2s-sync'],
    workload,
    duration: '6s',
    faults: [{at: '2s', restart: 'all'}],
    checks: {lost: 0},
  },
  {
    name: 'kill-leader',
    description: "SIGKILL the DLedger group's leader; the other two elect a new one. Nothing committed may be lost.",
    template: 'dledger',
    templates: ['dledger'],
    workload,
    duration: '8s',
    faults: [
      {at: '2s', kill: {random: 'leader'}},
      {at: 'drained', start: 'killed'},
    ],
    checks: {lost: 0},
  },
  {
    name: 'pause-leader',
    description: "SIGSTOP the DLedger group's leader for 5 s (past the election timeout), then SIGCONT: it returns as a follower.",
    template: 'dledger',
    templates: ['dledger'],
    workload,
    duration: '9s',
    faults: [
      {at: '2s', pause: {random: 'leader'}},
      {at: '7s', resume: 'paused'},
    ],
    checks: {lost: 0},
  },
]

export function findBuiltin(name: string): Scenario | undefined {
  return BUILTIN_SCENARIOS.find((s) => s.name === name)
}
