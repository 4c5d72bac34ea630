/**
 * What the topology predicts after a node dies (`mqlab kill` narrates its own experiment). Pure: from
 * the lab's node specs, which nodes are still live, and the node that went. The facts are RocketMQ
 * 4.x's (docs/rocketmq-facts.md §2.3, §4, §5): no automatic promotion in classic master/slave; the
 * name server drops a broker whose connection closes and keeps a group's queue data while any member is
 * left; producers only write to a group's master (brokerId 0); consumers pull from a slave when the
 * route lists no master; a SYNC_MASTER with no slave connected answers SLAVE_NOT_AVAILABLE.
 */
import type {LabContext} from './lab-context.js'
import type {LabNodeSpec} from './lab-node-spec.js'
import {isLive} from './node-state.js'

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
  /** What happens next, one sentence each, in the order a reader needs them. */
  effects: string[]
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
  /** The signal that ended it: SIGKILL is a crash; SIGTERM/SIGINT a clean shutdown. */
  signal?: string
}

/** Predicts what the lab does after `input.node` died; undefined for a node the specs do not hold. */
export function predictKill(input: KillPredictionInput): KillPrediction | undefined {
  const spec = input.specs.find((s) => s.name === input.node)
  if (spec === undefined) return undefined
  if (spec.kind === 'namesrv') return namesrvDied(spec, input)
  if (spec.fileRole === 'DLEDGER') return dledgerMemberDied(spec, input)
  if (spec.fileRole === 'SLAVE') return slaveDied(spec, input)
  return masterDied(spec, input)
}

/**
 * The prediction after `mqlab kill` acted on `node` in an open lab (node states read through its
 * supervisor); null while the node is still live (a signal that did not end it, such as SIGSTOP).
 */
export function predictAfterKill(ctx: Pick<LabContext, 'specs' | 'supervisor'>, node: string, signal: string): KillPrediction | null {
  if (isLive(ctx.supervisor.status(node).state)) return null
  // A paused (SIGSTOPped) node holds its connections but answers nothing: it serves no one.
  const live = new Set(ctx.specs.filter((s) => ctx.supervisor.status(s.name).state === 'running').map((s) => s.name))
  return predictKill({specs: ctx.specs, node, live, signal}) ?? null
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
  effects.push(`${spec.name} keeps no state on disk that matters: started again, it relearns every broker at their next registration (within 30 s; mqlab's brokers register at start and then every 30 s).`)
  return {
    node: spec.name,
    kind: 'namesrv',
    brokerName: null,
    fileRole: spec.fileRole,
    automaticPromotion: false,
    writableGroups: writableGroups(input),
    readableFrom: [],
    groupSendStatus: null,
    effects,
    next: [`mqlab start ${spec.name}`, 'mqlab cluster'],
  }
}

function masterDied(spec: LabNodeSpec, input: KillPredictionInput): KillPrediction {
  const group = spec.brokerName!
  const slaves = groupMembers(input, group).filter((s) => s.fileRole === 'SLAVE')
  const liveSlaves = slaves.filter((s) => input.live.has(s.name)).map((s) => s.name)
  const writable = writableGroups(input)
  const effects: string[] = []
  effects.push(
    input.signal === 'SIGTERM' || input.signal === 'SIGINT'
      ? `${spec.name} shut down cleanly: it unregistered from the name servers.`
      : `${spec.name} crashed: the name servers drop it as soon as its connections close; started again, it recovers its store from the abort file.`,
  )
  effects.push(
    liveSlaves.length > 0
      ? `No automatic promotion: in classic master/slave (RocketMQ 4.x) ${list(liveSlaves)} stay${liveSlaves.length === 1 ? 's' : ''} a slave; the route now lists ${group} without a master.`
      : `No automatic promotion, and no live slave: ${group} disappears from the routes until a member of it starts again.`,
  )
  if (liveSlaves.length > 0) {
    effects.push(`${group}'s messages remain readable from ${list(liveSlaves)}: consumers pull from a slave when the route has no master, from the position they had (mqlab's client after its next failed pull; Java and ali-ons clients within their 30 s route refresh).`)
    effects.push(
      spec.fileRole === 'SYNC_MASTER'
        ? `${spec.name} was a SYNC_MASTER: every message it acknowledged with SEND_OK was already on a slave, so none is missing there.`
        : `${spec.name} was an ASYNC_MASTER: messages it acknowledged but had not yet replicated are not on ${list(liveSlaves)}; they come back only if ${spec.name} restarts with its store.`,
    )
  } else {
    const dead = slaves.map((s) => s.name)
    effects.push(`${group}'s messages are unreadable until ${spec.name} restarts${dead.length > 0 ? ` (its slave ${list(dead)} is not running)` : ' (it has no slave)'}.`)
  }
  const otherWritable = writable.filter((g) => g !== group)
  effects.push(
    otherWritable.length > 0
      ? `New writes go to ${list(otherWritable)}: producers only send to groups with a master.`
      : 'No group has a master left: every send fails until a master is back.',
  )
  effects.push(`Sends in flight to ${spec.name} fail (connection closed or timed out) and the producer retries them on another group; one whose answer was lost may end up stored twice.`)
  const next = [`mqlab start ${spec.name}`]
  if (liveSlaves.length > 0) next.push(`mqlab promote ${liveSlaves[0]}   (manual failover: ${group} accepts writes again)`)
  next.push('mqlab replication', 'mqlab status')
  return {
    node: spec.name,
    kind: 'master',
    brokerName: group,
    fileRole: spec.fileRole,
    automaticPromotion: false,
    writableGroups: writable,
    readableFrom: liveSlaves,
    groupSendStatus: null,
    effects,
    next,
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
    )
  } else if (liveMaster.fileRole === 'SYNC_MASTER') {
    effects.push(`${list(otherLiveSlaves)} still replicate${otherLiveSlaves.length === 1 ? 's' : ''} ${group}: sends stay SEND_OK.`)
  } else {
    effects.push(`Sends to ${group} are unaffected: ${liveMaster.name} is an ASYNC_MASTER and does not wait for a slave.`)
  }
  if (liveMaster !== undefined) {
    effects.push(`Until ${spec.name} is back, ${group}'s new messages exist only on ${list([liveMaster.name, ...otherLiveSlaves])}; started again, it reconnects to the master and copies what it missed.`)
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
    effects,
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
    )
  } else {
    effects.push(`Only ${live.length} of ${members.length} members of ${group} are left, short of a majority (${majority}): ${group} elects no leader and accepts no writes until a member returns.`)
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
    effects,
    next: [`mqlab start ${spec.name}`, 'mqlab status'],
  }
}

/** Groups that still have a live master: a classic master, or a DLedger group with a live majority. */
function writableGroups(input: KillPredictionInput): string[] {
  const groups = new Set<string>()
  const byGroup = new Map<string, LabNodeSpec[]>()
  for (const s of input.specs) if (s.kind === 'broker' && s.brokerName !== undefined) byGroup.set(s.brokerName, [...(byGroup.get(s.brokerName) ?? []), s])
  for (const [group, members] of byGroup) {
    const dledger = members.filter((m) => m.fileRole === 'DLEDGER')
    if (dledger.length > 0) {
      if (dledger.filter((m) => input.live.has(m.name)).length >= Math.floor(dledger.length / 2) + 1) groups.add(group)
    } else if (members.some((m) => (m.fileRole === 'ASYNC_MASTER' || m.fileRole === 'SYNC_MASTER') && input.live.has(m.name))) {
      groups.add(group)
    }
  }
  return [...groups].sort()
}

function groupMembers(input: KillPredictionInput, group: string): LabNodeSpec[] {
  return input.specs.filter((s) => s.kind === 'broker' && s.brokerName === group)
}

function list(names: readonly string[]): string {
  if (names.length <= 1) return names.join('')
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
}
