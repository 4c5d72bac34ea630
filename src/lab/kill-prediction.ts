/**
 * What the lab predicts after a node dies (`mqlab kill` narrates its own experiment). Pure: from the
 * lab's node specs, which nodes are still live, the node that went and, when it could be read, the live
 * state (kill-observation.ts: which topics are where, which topics the slave holds). The facts are
 * RocketMQ 4.9.8's (docs/fidelity.md; docs/rocketmq-facts.md §2.3, §4, §5): no automatic promotion in
 * classic master/slave; the name server drops a broker whose connection closes and keeps a group's
 * queue data while any member is left;
 * producers only write to a group's master (brokerId 0); consumers pull from the lowest-id slave when the
 * route lists no master, and that slave serves only topics its metadata sync copied; running clients
 * notice all this at their next 30 s route poll; a SYNC_MASTER with no slave connected answers
 * SLAVE_NOT_AVAILABLE. Every prediction also carries `claims`, the same in machine-readable form.
 */
import type {LabContext} from './lab-context.js'
import type {LabNodeSpec} from './lab-node-spec.js'
import {isLive} from './node-state.js'
import {groupMembers, list, writableGroups} from './kill-prediction-support.js'
import type {KillObservation, PredictionClaim, TopicPrediction} from './kill-topic-prediction.js'
import {masterDied, masterPaused} from './master-kill-prediction.js'

/** What kind of node died. */
export type KilledKind = 'namesrv' | 'master' | 'slave' | 'dledger-member'

/** The prediction for one dead node. */
export interface KillPrediction {
  node: string
  kind: KilledKind
  /** The broker group, for brokers. */
  brokerName: string | null
  /** Its role in its file (ASYNC_MASTER, SYNC_MASTER, SLAVE, DLEDGER, namesrv). */
  fileRole: string
  /** False: classic master/slave never promotes a slave by itself (DLedger groups elect; see effects). */
  automaticPromotion: boolean
  /** Groups that still have a live master to take new writes. */
  writableGroups: string[]
  /** Live nodes that still serve the dead node's group's messages ([] = unreadable until a restart). */
  readableFrom: string[]
  /** The send status the group answers now, when it changes (a SYNC_MASTER that lost its last slave). */
  groupSendStatus: 'SLAVE_NOT_AVAILABLE' | null
  /** 'dead', or 'paused' (SIGSTOP: a hung process that keeps its connections). */
  state: 'dead' | 'paused'
  /** Topic-level prediction from the live lab (masters only; null otherwise). */
  topics: TopicPrediction | null
  /** What happens next, one sentence each, in the order a reader needs them. */
  effects: string[]
  /** The same, machine-readable: what, which topics/groups/nodes, when. */
  claims: PredictionClaim[]
  /** Commands worth running next. */
  next: string[]
}

/** What the prediction needs about the lab. */
export interface KillPredictionInput {
  specs: readonly LabNodeSpec[]
  /** The node that died (or was stopped). */
  node: string
  /** Names of the nodes that still serve (running, not paused) after it died. */
  live: ReadonlySet<string>
  /** The signal that ended it: SIGKILL is a crash; SIGTERM/SIGINT a clean shutdown; SIGSTOP a pause. */
  signal?: string
  /** The node is paused (SIGSTOP), not dead. */
  paused?: boolean
  /** Live state read around the kill (kill-observation.ts); without it, topics are not named. */
  observation?: KillObservation
}

/** Predicts what the lab does after `input.node` died; undefined for a node the specs do not hold. */
export function predictKill(input: KillPredictionInput): KillPrediction | undefined {
  const spec = input.specs.find((s) => s.name === input.node)
  if (spec === undefined) return undefined
  if (input.paused === true)
    return spec.kind === 'broker' && (spec.fileRole === 'ASYNC_MASTER' || spec.fileRole === 'SYNC_MASTER') ? masterPaused(spec, input) : undefined
  if (spec.kind === 'namesrv') return namesrvDied(spec, input)
  if (spec.fileRole === 'DLEDGER') return dledgerMemberDied(spec, input)
  if (spec.fileRole === 'SLAVE') return slaveDied(spec, input)
  return masterDied(spec, input)
}

/**
 * The prediction after `mqlab kill` acted on `node` in an open lab (node states read through its
 * supervisor); null while the node is still running (a signal that did not end it), and for a paused
 * node other than a master.
 */
export function predictAfterKill(
  ctx: Pick<LabContext, 'specs' | 'supervisor'>,
  node: string,
  signal: string,
  observation?: KillObservation,
): KillPrediction | null {
  const state = ctx.supervisor.status(node).state
  if (isLive(state) && state !== 'paused') return null
  // A paused (SIGSTOPped) node holds its connections but answers nothing: it serves no one.
  const live = new Set(ctx.specs.filter((s) => ctx.supervisor.status(s.name).state === 'running').map((s) => s.name))
  return predictKill({specs: ctx.specs, node, live, signal, paused: state === 'paused', observation}) ?? null
}

function namesrvDied(spec: LabNodeSpec, input: KillPredictionInput): KillPrediction {
  const others = input.specs.filter((s) => s.kind === 'namesrv' && s.name !== spec.name)
  const liveOthers = others.filter((s) => input.live.has(s.name)).map((s) => s.name)
  const effects: string[] = []
  if (liveOthers.length > 0) {
    effects.push(
      `${list(liveOthers)} keep${liveOthers.length === 1 ? 's' : ''} serving routes: every broker registers with every name server, so no route is lost.`,
      `Clients that were talking to ${spec.name} move to another name server on their next request; sends and pulls to brokers carry on.`,
    )
  } else {
    effects.push(
      'No name server is left: producers and consumers keep the routes they already hold and keep talking to those brokers,',
      'but new clients find no route, route refreshes fail, and brokers cannot register until a name server is back (they retry every 30 s).',
    )
  }
  effects.push(
    `${spec.name} keeps no state on disk that matters: started again, it relearns every broker at their next registration (within 30 s; mqlab's brokers register at start and then every 30 s).`,
  )
  return {
    node: spec.name,
    kind: 'namesrv',
    brokerName: null,
    fileRole: spec.fileRole,
    automaticPromotion: false,
    writableGroups: writableGroups(input),
    readableFrom: [],
    groupSendStatus: null,
    state: 'dead',
    topics: null,
    effects,
    claims: [],
    next: [`mqlab start ${spec.name}`, 'mqlab cluster'],
  }
}

function slaveDied(spec: LabNodeSpec, input: KillPredictionInput): KillPrediction {
  const group = spec.brokerName!
  const members = groupMembers(input, group)
  const masters = members.filter((s) => s.fileRole === 'ASYNC_MASTER' || s.fileRole === 'SYNC_MASTER')
  const liveMaster = masters.find((s) => input.live.has(s.name))
  const otherLiveSlaves = members.filter((s) => s.fileRole === 'SLAVE' && s.name !== spec.name && input.live.has(s.name)).map((s) => s.name)
  const effects: string[] = []
  let groupSendStatus: KillPrediction['groupSendStatus'] = null
  if (liveMaster === undefined) {
    effects.push(
      otherLiveSlaves.length > 0
        ? `${group} has no live master; its messages stay readable from ${list(otherLiveSlaves)}.`
        : `${group} has neither a master nor a slave running: its messages are unreadable until one of them starts again.`,
    )
  } else if (liveMaster.fileRole === 'SYNC_MASTER' && otherLiveSlaves.length === 0) {
    groupSendStatus = 'SLAVE_NOT_AVAILABLE'
    effects.push(
      `Sends to ${group} now return SLAVE_NOT_AVAILABLE: ${liveMaster.name} (SYNC_MASTER) stores each message but has no slave to replicate it to (RocketMQ's answer when no slave is connected).`,
      'Producers get a SendResult, not an error, so they do not retry elsewhere (unless retryAnotherBrokerWhenNotStoreOK is set).',
      `Sends that were waiting for ${spec.name} when it died end FLUSH_SLAVE_TIMEOUT after slaveTimeout (3 s).`,
      `When ${spec.name} starts again, a RocketMQ 4.9.8 slave reports its offset only after haSendHeartbeatInterval (5 s) while the master already counts it: for those first seconds sends wait 3 s and end FLUSH_SLAVE_TIMEOUT, then SEND_OK.`,
    )
  } else if (liveMaster.fileRole === 'SYNC_MASTER') {
    effects.push(`${list(otherLiveSlaves)} still replicate${otherLiveSlaves.length === 1 ? 's' : ''} ${group}: sends stay SEND_OK.`)
  } else {
    effects.push(`Sends to ${group} are unaffected: ${liveMaster.name} is an ASYNC_MASTER and does not wait for a slave.`)
  }
  if (liveMaster !== undefined) {
    effects.push(
      `Until ${spec.name} is back, ${group}'s new messages exist only on ${list([liveMaster.name, ...otherLiveSlaves])}; started again, it reconnects to the master and copies what it missed.`,
    )
  }
  return {
    node: spec.name,
    kind: 'slave',
    brokerName: group,
    fileRole: spec.fileRole,
    automaticPromotion: false,
    writableGroups: writableGroups(input),
    readableFrom: [...(liveMaster ? [liveMaster.name] : []), ...otherLiveSlaves],
    groupSendStatus,
    state: 'dead',
    topics: null,
    effects,
    claims:
      groupSendStatus === null
        ? []
        : [
            {
              what: 'send-status',
              topics: [],
              groups: [group],
              nodes: [],
              when: {from: 'now', until: `${spec.name} is back and has reported its offset`},
              detail: groupSendStatus,
            },
          ],
    next: [`mqlab start ${spec.name}`, 'mqlab replication'],
  }
}

function dledgerMemberDied(spec: LabNodeSpec, input: KillPredictionInput): KillPrediction {
  const group = spec.brokerName!
  const members = groupMembers(input, group)
  const live = members.filter((s) => input.live.has(s.name)).map((s) => s.name)
  const majority = Math.floor(members.length / 2) + 1
  const effects: string[] = []
  if (live.length >= majority) {
    effects.push(
      `${live.length} of ${members.length} members of ${group} are left, a majority (${majority}): if ${spec.name} was the leader, they elect a new one (about 10 s in RocketMQ's docs) and ${group} accepts writes again; otherwise nothing changes for clients.`,
      "Clients that were running see a new leader only at their next route poll (up to 30 s more; with mqlab's --fast-failover, at the first failed request after the new leader registered); until then sends to the group fail and are retried elsewhere, if there is an elsewhere.",
    )
  } else {
    effects.push(
      `Only ${live.length} of ${members.length} members of ${group} are left, short of a majority (${majority}): ${group} elects no leader and accepts no writes until a member returns.`,
    )
  }
  effects.push('Messages a DLedger leader acknowledged were on a majority, so none is lost while a majority survives.')
  return {
    node: spec.name,
    kind: 'dledger-member',
    brokerName: group,
    fileRole: spec.fileRole,
    automaticPromotion: live.length >= majority,
    writableGroups: writableGroups(input),
    readableFrom: live,
    groupSendStatus: null,
    state: 'dead',
    topics: null,
    effects,
    claims: [],
    next: [`mqlab start ${spec.name}`, 'mqlab status'],
  }
}
