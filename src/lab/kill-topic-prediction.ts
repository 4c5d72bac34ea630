/**
 * The topic-level part of `mqlab kill`'s prediction, from the lab's live state (kill-observation.ts
 * reads it): which user topics had queues on the group that lost its master, which of them its slave
 * can serve, and which topics can still be written. Pure.
 *
 * RocketMQ 4.9.8 facts it rests on (docs/fidelity.md):
 *   - a consumer pulls a masterless group from the lowest-id slave in the route (findBrokerAddressInSubscribe:
 *     exact id, then the first entry), and that slave answers TOPIC_NOT_EXIST for a topic its metadata sync
 *     has not copied yet (it copies topics from its master 3 s after start, then every 10 s, and never again
 *     once the master is gone), so such a topic's messages there stay unreadable until the master returns;
 *   - a producer sends only to queues of groups with a master; a topic whose queues are all on groups
 *     without one gets "No route info of this topic" (mqlab: NO_WRITABLE_QUEUE);
 *   - clients that were running notice the new route at their next route poll (30 s); clients started
 *     afterwards read it at once.
 */

/** A user topic and the broker groups it has queues on (read from a name server just before the kill). */
export interface TopicPlacement {
  topic: string
  /** Groups with readable queues of the topic. */
  groups: string[]
  /** Groups with writable queues of the topic. */
  writeGroups: string[]
}

/** The live state a kill prediction can use; every part may be missing when it could not be read. */
export interface KillObservation {
  /** User topics before the kill, or null when no name server answered. */
  topics: TopicPlacement[] | null
  /** Per live slave of the affected group: the topics it holds (GET_ALL_TOPIC_CONFIG), null when it did not answer. */
  slaveTopics: Record<string, string[] | null>
}

/** Why the dead master's part of a topic cannot be read now. */
export type UnreadableReason = 'slave-not-synced' | 'no-live-slave' | 'slave-unreachable'

/** The topic-level prediction. */
export interface TopicPrediction {
  /** Whether the topics come from the live lab (false: the name servers could not be read). */
  observed: boolean
  /** The group that lost its master. */
  group: string
  /** The slave consumers now pull that group from (the lowest brokerId alive), if any. */
  servingSlave: string | null
  /** Topics with queues on the group whose messages there stay readable (from servingSlave). */
  readable: string[]
  /** Topics with queues on the group whose messages there are unreadable until the master returns. */
  unreadable: Array<{topic: string; reason: UnreadableReason}>
  /** Topics that still have a writable queue on a group with a live master. */
  writable: string[]
  /** Topics whose writable queues are all on groups without a live master: every send fails. */
  unwritable: string[]
}

/** A claim in machine-readable form, for experiments to check against what happened. */
export interface PredictionClaim {
  what: 'no-promotion' | 'messages-readable' | 'messages-unreadable' | 'writes-go-to' | 'writes-fail' | 'send-status' | 'in-flight-sends' | 'route-notice'
  topics: string[]
  groups: string[]
  nodes: string[]
  /** When the claim holds. */
  when: ClaimTiming
  /** A status or reason the claim names (SLAVE_NOT_AVAILABLE, slave-not-synced, …). */
  detail?: string
}

/** When a claim holds: from now, or once clients notice; until an event, if any. */
export interface ClaimTiming {
  from: 'now' | 'route-poll'
  /** For 'route-poll': a client running at the kill notices within this many ms (Java's and mqlab's default). */
  javaClientWithinMs?: number
  /** For 'route-poll': with mqlab's --fast-failover, about this many ms. */
  fastClientWithinMs?: number
  /** What ends it (e.g. "broker-a-master restarts"); absent = until something else changes. */
  until?: string
}

/** Java's pollNameServerInterval, the longest a running client keeps a dead master in its route. */
export const ROUTE_POLL_MS = 30_000
/** About how long mqlab's --fast-failover client takes: one failed request, then a route read (pull retry 1 s). */
export const FAST_FAILOVER_MS = 1000

/**
 * Predicts topic readability and writability after `group` lost its master. `liveSlaves` are the group's
 * live slaves with their brokerIds; `writableGroups` the groups that still have a live master.
 */
export function predictTopics(
  group: string,
  liveSlaves: ReadonlyArray<{name: string; brokerId: number}>,
  writableGroups: readonly string[],
  observation: KillObservation | undefined,
): TopicPrediction {
  const serving = [...liveSlaves].sort((a, b) => a.brokerId - b.brokerId)[0]?.name ?? null
  const topics = observation?.topics ?? null
  const result: TopicPrediction = {observed: topics !== null, group, servingSlave: serving, readable: [], unreadable: [], writable: [], unwritable: []}
  if (topics === null) return result
  const held = serving === null ? null : (observation?.slaveTopics[serving] ?? null)
  for (const t of [...topics].sort((a, b) => a.topic.localeCompare(b.topic))) {
    if (t.groups.includes(group)) {
      if (serving === null) result.unreadable.push({topic: t.topic, reason: 'no-live-slave'})
      else if (held === null) result.unreadable.push({topic: t.topic, reason: 'slave-unreachable'})
      else if (held.includes(t.topic)) result.readable.push(t.topic)
      else result.unreadable.push({topic: t.topic, reason: 'slave-not-synced'})
    }
    if (t.writeGroups.some((g) => writableGroups.includes(g))) result.writable.push(t.topic)
    else if (t.writeGroups.length > 0) result.unwritable.push(t.topic)
  }
  return result
}

/** The sentences for a topic prediction (after the group-level ones). */
export function topicEffects(p: TopicPrediction, deadMaster: string): string[] {
  if (!p.observed) return ['(The name servers could not be read, so this says nothing about individual topics.)']
  const out: string[] = []
  if (p.readable.length > 0) {
    out.push(`Topics whose ${p.group} messages stay readable from ${p.servingSlave}: ${p.readable.join(', ')}.`)
  }
  const notSynced = p.unreadable.filter((u) => u.reason === 'slave-not-synced').map((u) => u.topic)
  if (notSynced.length > 0) {
    out.push(
      `Unreadable on ${p.group} until ${deadMaster} restarts: ${notSynced.join(', ')}. ${p.servingSlave} has not synced ${notSynced.length === 1 ? 'this topic' : 'these topics'} ` +
        '(a slave copies topics from its master every 10 s, and cannot any more), so it answers TOPIC_NOT_EXIST although the messages are in its commitlog; consumers retry every 3 s.',
    )
  }
  const unreachable = p.unreadable.filter((u) => u.reason === 'slave-unreachable').map((u) => u.topic)
  if (unreachable.length > 0)
    out.push(`${p.servingSlave} did not say which topics it holds, so it is unknown whether ${unreachable.join(', ')} can be read there.`)
  const noSlave = p.unreadable.filter((u) => u.reason === 'no-live-slave').map((u) => u.topic)
  if (noSlave.length > 0) out.push(`Unreadable on ${p.group} until ${deadMaster} restarts: ${noSlave.join(', ')}.`)
  if (p.unwritable.length > 0) {
    out.push(
      `No live master has a queue of ${p.unwritable.join(', ')}: every send to ${p.unwritable.length === 1 ? 'it' : 'them'} fails ("No route info of this topic"; mqlab: NO_WRITABLE_QUEUE) until ${deadMaster} restarts or is replaced.`,
    )
  }
  return out
}

/** Claims for a topic prediction. */
export function topicClaims(p: TopicPrediction, deadMaster: string): PredictionClaim[] {
  if (!p.observed) return []
  const until = `${deadMaster} restarts`
  const poll: ClaimTiming = {from: 'route-poll', javaClientWithinMs: ROUTE_POLL_MS, fastClientWithinMs: FAST_FAILOVER_MS}
  const claims: PredictionClaim[] = []
  if (p.readable.length > 0) claims.push({what: 'messages-readable', topics: p.readable, groups: [p.group], nodes: [p.servingSlave!], when: {...poll, until}})
  const byReason = new Map<UnreadableReason, string[]>()
  for (const u of p.unreadable) byReason.set(u.reason, [...(byReason.get(u.reason) ?? []), u.topic])
  for (const [reason, topics] of byReason) {
    claims.push({
      what: 'messages-unreadable',
      topics,
      groups: [p.group],
      nodes: p.servingSlave === null ? [] : [p.servingSlave],
      when: {from: 'now', until},
      detail: reason,
    })
  }
  if (p.unwritable.length > 0)
    claims.push({what: 'writes-fail', topics: p.unwritable, groups: [p.group], nodes: [], when: {from: 'now', until}, detail: 'NO_WRITABLE_QUEUE'})
  return claims
}
