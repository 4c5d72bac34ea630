/**
 * Reads the live state `mqlab kill` narrates from (the I/O shell around kill-topic-prediction.ts): just
 * before the kill, the user topics and the broker groups their queues are on, from a running name server;
 * just after it, which topics each live slave of the affected group holds (GET_ALL_TOPIC_CONFIG, the
 * table a slave's metadata sync fills). Every read is short and may fail: the prediction then says
 * what it could not see instead of guessing.
 */
import {decodeTopicConfigSerializeWrapper} from '../../runtime/remoting/body/topic-config-serialize-wrapper.js'
import {createRequest} from '../../runtime/remoting/remoting-command.js'
import {RequestCode} from '../../runtime/remoting/request-code.js'
import {ResponseCode} from '../../runtime/remoting/response-code.js'
import {MQAdmin} from '../client/admin/mq-admin.js'
import type {KillObservation, TopicPlacement} from './kill-topic-prediction.js'
import type {LabContext} from './lab-context.js'
import type {LabNodeSpec} from './lab-node-spec.js'

/** Per request; everything is on this machine. */
const TIMEOUT_MS = 2000
/** Topics whose routes are read at most (a lab rarely has more). */
const MAX_TOPICS = 200

/** RocketMQ 4.9.8's system topics (TopicValidator) and the per-group retry and dead-letter topics. */
const SYSTEM_TOPIC =
  /^(TBW102|SCHEDULE_TOPIC_XXXX|BenchmarkTest|OFFSET_MOVED_EVENT|SELF_TEST_TOPIC|TRANS_CHECK_MAX_TIME_TOPIC|RMQ_SYS_.*|rmq_sys_.*|%RETRY%.*|%DLQ%.*)$/

/** Whether a topic is one of RocketMQ's own (or a cluster/broker-name topic of the lab). */
export function isUserTopic(topic: string, specs: readonly LabNodeSpec[]): boolean {
  if (SYSTEM_TOPIC.test(topic)) return false
  return !specs.some((s) => s.brokerName === topic || s.name === topic)
}

/** The user topics and their groups, from the first live name server that answers; null when none does. */
export async function readTopicPlacements(
  specs: readonly LabNodeSpec[],
  live: ReadonlySet<string>,
  clusterNames: readonly string[],
): Promise<TopicPlacement[] | null> {
  const namesrvs = specs.filter((s) => s.kind === 'namesrv' && live.has(s.name)).map((s) => s.addr)
  if (namesrvs.length === 0) return null
  const admin = new MQAdmin({namesrvAddr: namesrvs, requestTimeoutMs: TIMEOUT_MS})
  try {
    // A broker also registers its cluster's name and "<cluster>_REPLY_TOPIC" (request-reply) as topics.
    const own = new Set(clusterNames.flatMap((c) => [c, `${c}_REPLY_TOPIC`]))
    const topics = (await admin.topicList()).filter((t) => isUserTopic(t, specs) && !own.has(t)).slice(0, MAX_TOPICS)
    const placements = await Promise.all(
      topics.map(async (topic): Promise<TopicPlacement | undefined> => {
        const route = await admin.client.getTopicRouteFromNameServer(topic).catch(() => undefined)
        if (route === undefined) return undefined
        const groups = [...new Set(route.queueDatas.filter((q) => q.readQueueNums > 0 && (q.perm & 4) !== 0).map((q) => q.brokerName))].sort()
        const writeGroups = [...new Set(route.queueDatas.filter((q) => q.writeQueueNums > 0 && (q.perm & 2) !== 0).map((q) => q.brokerName))].sort()
        return {topic, groups, writeGroups}
      }),
    )
    return placements.filter((p): p is TopicPlacement => p !== undefined)
  } catch {
    return null
  } finally {
    await admin.close()
  }
}

/** The topics a broker holds (its topic config table), or null when it does not answer. */
export async function readBrokerTopics(addr: string): Promise<string[] | null> {
  const admin = new MQAdmin({namesrvAddr: '127.0.0.1:1', requestTimeoutMs: TIMEOUT_MS})
  try {
    const response = await admin.client.remoting.invoke(addr, createRequest(RequestCode.GET_ALL_TOPIC_CONFIG), TIMEOUT_MS)
    if (response.code !== ResponseCode.SUCCESS || response.body === undefined) return null
    return Object.keys(decodeTopicConfigSerializeWrapper(response.body.toString('utf8')).topicConfigTable).sort()
  } catch {
    return null
  } finally {
    await admin.close()
  }
}

/** The slaves' topic tables for the group of `node` (after the kill). */
export async function readSlaveTopics(specs: readonly LabNodeSpec[], live: ReadonlySet<string>, group: string): Promise<KillObservation['slaveTopics']> {
  const slaves = specs.filter((s) => s.kind === 'broker' && s.brokerName === group && s.fileRole === 'SLAVE' && live.has(s.name))
  const entries = await Promise.all(slaves.map(async (s) => [s.name, await readBrokerTopics(s.addr)] as const))
  return Object.fromEntries(entries)
}

/**
 * Reads the topics before the kill (the dead master's queue data leaves the routes with it when no
 * slave is left), and returns how to read the rest after it.
 */
export async function observeAroundKill(
  ctx: Pick<LabContext, 'specs' | 'supervisor' | 'lab'>,
): Promise<{after(node: string): Promise<KillObservation | undefined>}> {
  const liveNow = () => new Set(ctx.specs.filter((s) => ctx.supervisor.status(s.name).state === 'running').map((s) => s.name))
  const clusters = [...new Set(ctx.lab.nodes.flatMap((n) => (n.kind === 'broker' ? [n.config.brokerClusterName] : [])))]
  const topics = await readTopicPlacements(ctx.specs, liveNow(), clusters)
  return {
    async after(node) {
      const spec = ctx.specs.find((s) => s.name === node)
      if (spec?.kind !== 'broker' || spec.brokerName === undefined || spec.fileRole === 'SLAVE' || spec.fileRole === 'DLEDGER') return undefined
      return {topics, slaveTopics: await readSlaveTopics(ctx.specs, liveNow(), spec.brokerName)}
    },
  }
}
