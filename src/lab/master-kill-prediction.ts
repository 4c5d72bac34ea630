/**
 * The prediction for a classic master that died or was paused (see kill-prediction.ts for the facts);
 * the topic-level part comes from kill-topic-prediction.ts.
 */
import type {KillPrediction, KillPredictionInput} from './kill-prediction.js'
import {groupMembers, list, writableGroups} from './kill-prediction-support.js'
import {FAST_FAILOVER_MS, predictTopics, ROUTE_POLL_MS, topicClaims, topicEffects, type PredictionClaim} from './kill-topic-prediction.js'
import type {LabNodeSpec} from './lab-node-spec.js'
import {pausedMasterEffects} from './paused-master-prediction.js'

export function masterDied(spec: LabNodeSpec, input: KillPredictionInput): KillPrediction {
  const group = spec.brokerName!
  const slaves = groupMembers(input, group).filter((s) => s.fileRole === 'SLAVE')
  const live = slaves.filter((s) => input.live.has(s.name))
  const liveSlaves = live.map((s) => s.name)
  const writable = writableGroups(input)
  const topics = predictTopics(
    group,
    live.map((s) => ({name: s.name, brokerId: s.brokerId ?? 1})),
    writable,
    input.observation,
  )
  const serving = topics.servingSlave
  const effects: string[] = []
  const claims: PredictionClaim[] = [
    {what: 'no-promotion', topics: [], groups: [group], nodes: liveSlaves, when: {from: 'now', until: `${spec.name} restarts or a slave is promoted by hand`}},
  ]
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
  if (serving !== null) {
    const pick = liveSlaves.length > 1 ? ` (the lowest brokerId alive; consumers never switch to ${list(liveSlaves.filter((n) => n !== serving))})` : ''
    effects.push(`Consumers read ${group} from ${serving}${pick}, from the position they had, once they notice: ${noticeSentence()}`)
    effects.push(...topicEffects(topics, spec.name))
    effects.push(
      `A consumer that starts (or rebalances) from now on resumes from the offsets ${serving} last copied from ${spec.name} (its sync runs every 10 s), so it may get some messages again; running consumers keep their own positions.`,
    )
    effects.push(
      spec.fileRole === 'SYNC_MASTER'
        ? `${spec.name} was a SYNC_MASTER: every message it answered SEND_OK (sent with the default waitStoreMsgOK=true) had reached ${liveSlaves.length > 1 || slaves.length > 1 ? 'at least one slave, not necessarily ' + serving : serving}; messages answered FLUSH_SLAVE_TIMEOUT or SLAVE_NOT_AVAILABLE may be missing there.`
        : `${spec.name} was an ASYNC_MASTER: messages it acknowledged but had not yet replicated are not on ${list(liveSlaves)}; they come back only if ${spec.name} restarts with its store.`,
    )
  } else {
    const dead = slaves.map((s) => s.name)
    effects.push(
      `${group}'s messages are unreadable until ${spec.name} restarts${dead.length > 0 ? ` (its slave ${list(dead)} is not running)` : ' (it has no slave)'}.`,
    )
    effects.push(...topicEffects(topics, spec.name))
  }
  claims.push(...topicClaims(topics, spec.name))
  if (!topics.observed && serving !== null) {
    claims.push({
      what: 'messages-readable',
      topics: [],
      groups: [group],
      nodes: [serving],
      when: {from: 'route-poll', javaClientWithinMs: ROUTE_POLL_MS, fastClientWithinMs: FAST_FAILOVER_MS, until: `${spec.name} restarts`},
    })
  }
  const otherWritable = writable.filter((g) => g !== group)
  effects.push(
    otherWritable.length > 0
      ? `New writes go to ${list(otherWritable)}${topics.unwritable.length > 0 ? ' (for topics with queues there)' : ''}: producers only send to groups with a master.`
      : 'No group has a master left: every send fails until a master is back.',
  )
  if (otherWritable.length > 0) claims.push({what: 'writes-go-to', topics: topics.writable, groups: otherWritable, nodes: [], when: {from: 'now'}})
  effects.push(
    otherWritable.length > 0
      ? `Sends in flight to ${spec.name} fail at once (connection closed) and the producer retries them on another group; one whose answer was lost may end up stored twice. ` +
          `A producer that was running keeps choosing ${group}'s queues until its next route poll: each such send fails fast and is retried elsewhere.`
      : `Sends in flight to ${spec.name} fail at once (connection closed); with no other master, their retries fail too.`,
  )
  claims.push({
    what: 'in-flight-sends',
    topics: [],
    groups: [group],
    nodes: [spec.name],
    when: {from: 'now'},
    detail: otherWritable.length > 0 ? 'retried on another group' : 'fail',
  })
  claims.push({
    what: 'route-notice',
    topics: [],
    groups: [group],
    nodes: [spec.name],
    when: {from: 'route-poll', javaClientWithinMs: ROUTE_POLL_MS, fastClientWithinMs: FAST_FAILOVER_MS},
  })
  const next = [`mqlab start ${spec.name}`]
  if (liveSlaves.length > 0) next.push(`mqlab promote ${serving ?? liveSlaves[0]}   (manual failover: ${group} accepts writes again)`)
  next.push('mqlab replication', 'mqlab status')
  return masterPrediction(spec, writable, {readableFrom: serving === null ? [] : [serving], state: 'dead', topics, effects, claims, next})
}

/**
 * A classic master's prediction, dead or paused: what both share (no automatic promotion in 4.x, the send
 * status of the group is not what changes) is fixed here, and the keys keep the order `--json` has always printed.
 */
function masterPrediction(
  spec: LabNodeSpec,
  writable: string[],
  rest: Pick<KillPrediction, 'readableFrom' | 'state' | 'topics' | 'effects' | 'claims' | 'next'>,
): KillPrediction {
  return {
    node: spec.name,
    kind: 'master',
    brokerName: spec.brokerName!,
    fileRole: spec.fileRole,
    automaticPromotion: false,
    writableGroups: writable,
    readableFrom: rest.readableFrom,
    groupSendStatus: null,
    state: rest.state,
    topics: rest.topics,
    effects: rest.effects,
    claims: rest.claims,
    next: rest.next,
  }
}

/** When clients notice a changed route: Java's timing (mqlab's default) and the opt-in. */
function noticeSentence(): string {
  return (
    `a client started from now on reads the new route at once; one that was running (RocketMQ's Java client, and mqlab's by default) keeps pulling the dead master, retrying every 3 s, until its next route poll (up to ${ROUTE_POLL_MS / 1000} s); ` +
    `with mqlab's --fast-failover, after about ${FAST_FAILOVER_MS / 1000} s.`
  )
}

export function masterPaused(spec: LabNodeSpec, input: KillPredictionInput): KillPrediction {
  const group = spec.brokerName!
  const writable = writableGroups(input)
  return masterPrediction(spec, writable, {
    readableFrom: [],
    state: 'paused',
    topics: null,
    effects: pausedMasterEffects(spec.name, group),
    claims: [
      {
        what: 'in-flight-sends',
        topics: [],
        groups: [group],
        nodes: [spec.name],
        when: {from: 'now', until: `${spec.name} resumes`},
        detail: 'time out, not retried',
      },
      {
        what: 'route-notice',
        topics: [],
        groups: [group],
        nodes: [spec.name],
        when: {from: 'now', until: `${spec.name} resumes, or 120 s without registration`},
        detail: 'still listed',
      },
    ],
    next: [`mqlab resume ${spec.name}`, `mqlab kill ${spec.name}`, 'mqlab status'],
  })
}
