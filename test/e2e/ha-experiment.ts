// Test helper (not a test file) for the HA process tests: a lab of real name-server and broker processes
// made and run through the built CLI on free loopback ports, mqlab's client in this process as producer
// and consumer (so every acknowledgement and every delivery is seen), and the kill experiment with its
// exact accounting of acknowledged messages.
import fs from 'node:fs'
import path from 'node:path'
import {collectReplication} from '../../src/client/admin/ha-admin.js'
import {maxOffsets} from '../../src/client/admin/ha-message-lag.js'
import {decodeTopicConfigSerializeWrapper} from '../../runtime/remoting/body/topic-config-serialize-wrapper.js'
import {createRequest} from '../../runtime/remoting/remoting-command.js'
import {RequestCode} from '../../runtime/remoting/request-code.js'
import {ResponseCode} from '../../runtime/remoting/response-code.js'
import {MQAdmin} from '../../src/client/admin/mq-admin.js'
import {Consumer} from '../../src/client/consumer/consumer.js'
import type {ConsumedMessage} from '../../src/client/consumer/consumed-message.js'
import {Producer} from '../../src/client/producer/producer.js'
import type {SendReport} from '../../src/client/producer/send-report.js'
import {guardLab, movePortsToFree, mqlab, processAlive, tempDir, type CliRun} from '../helpers/lab-cli.js'
import {waitUntil} from '../helpers/wait-until.js'
import {groupAddrs} from './ha-drain.js'

export {drainTopic, groupAddrs} from './ha-drain.js'

type T = {teardown(fn: () => unknown): void; log(...values: unknown[]): void}

/** A running lab. */
export interface HaLab {
  cwd: string
  dir: string
  namesrvAddr: string
  /** Runs `mqlab <args> --dir lab --json` (and tracks new pids for teardown). */
  cli<R = any>(...args: string[]): Promise<CliRun<R>>
}

/** init → (drop groups) → free ports → up → topic create; everything reaped in teardown. */
export async function startHaLab(t: T, template: string, options: {namesrvs?: number; dropGroups?: string[]; topic: string; queues?: number}): Promise<HaLab> {
  const cwd = await tempDir(t, 'mqlab-ha-e2e-')
  const init = await mqlab(cwd, ['init', template, '--dir', 'lab', '--namesrv', String(options.namesrvs ?? 1)])
  if (init.exitCode !== 0) throw new Error(`init failed: ${init.stdout}`)
  const dir = path.join(cwd, 'lab')
  for (const group of options.dropGroups ?? []) {
    for (const f of fs.readdirSync(path.join(dir, 'conf'))) if (f === `${group}.properties` || f.startsWith(`${group}-s`)) fs.rmSync(path.join(dir, 'conf', f))
  }
  const {namesrvAddr} = await movePortsToFree(dir)
  const guard = guardLab(t, dir)
  const cli = async <R = any>(...args: string[]) => {
    const run = await mqlab<R>(cwd, [...args, '--dir', 'lab'], {timeoutMs: 90_000})
    guard.track()
    return run
  }
  t.teardown(async () => {
    await mqlab(cwd, ['down', '--dir', 'lab'], {timeoutMs: 60_000}).catch(() => undefined)
  })
  const up = await cli('up')
  if (up.exitCode !== 0) throw new Error(`up failed: ${up.stdout}\n${up.stderr}`)
  const create = await cli('topic', 'create', options.topic, '--queues', String(options.queues ?? 4))
  if (create.exitCode !== 0) throw new Error(`topic create failed: ${create.stdout}`)
  const lab = {cwd, dir, namesrvAddr, cli}
  await waitReplicating(lab)
  return lab
}

/**
 * Waits until every slave's HA link is up. `up` is done once a slave is registered; it then learns its
 * master's HA address from the registration answer and connects, and until then a SYNC_MASTER answers
 * SLAVE_NOT_AVAILABLE (as RocketMQ's does right after start).
 */
export async function waitReplicating(lab: Pick<HaLab, 'namesrvAddr'>, timeoutMs = 30_000): Promise<void> {
  const admin = new MQAdmin({namesrvAddr: lab.namesrvAddr})
  try {
    await waitUntil(
      async () => {
        const report = await collectReplication(admin, {messageLag: false}).catch(() => undefined)
        return report !== undefined && report.groups.every((g) => g.master !== null && g.slaves.every((s) => s.connectionState === 'CONNECTED'))
      },
      'every slave to connect to its master',
      {timeoutMs, intervalMs: 100},
    )
  } finally {
    await admin.close()
  }
}

/**
 * Waits until every slave knows the topic. `topic create` goes to the masters; a slave copies its master's
 * topics every 10 s (SlaveSynchronize), and until then answers a pull for the topic TOPIC_NOT_EXIST, as
 * RocketMQ's does. A master killed inside that window leaves a slave that can serve nothing of the topic.
 */
export async function waitSlavesKnowTopic(lab: Pick<HaLab, 'namesrvAddr'>, topic: string, timeoutMs = 30_000): Promise<void> {
  const admin = new MQAdmin({namesrvAddr: lab.namesrvAddr})
  const knows = async (addr: string) => {
    const response = await admin.client.remoting.invoke(addr, createRequest(RequestCode.GET_ALL_TOPIC_CONFIG), 3000)
    if (response.code !== ResponseCode.SUCCESS || response.body === undefined) return false
    return decodeTopicConfigSerializeWrapper(response.body.toString('utf8')).topicConfigTable[topic] !== undefined
  }
  try {
    await waitUntil(
      async () => {
        const info = await admin.clusterInfo().catch(() => undefined)
        if (info === undefined) return false
        const slaves = Object.values(info.brokerAddrTable).flatMap((b) =>
          Object.entries(b.brokerAddrs)
            .filter(([id]) => id !== '0')
            .map(([, addr]) => addr),
        )
        const answers = await Promise.all(slaves.map((addr) => knows(addr).catch(() => false)))
        return answers.every(Boolean)
      },
      `every slave to sync topic ${topic} from its master`,
      {timeoutMs, intervalMs: 250},
    )
  } finally {
    await admin.close()
  }
}

/** Small distinct bodies: "m<i>". */
export function messages(topic: string, from: number, count: number) {
  return Array.from({length: count}, (_, k) => ({topic, body: `m${from + k}`}))
}

/** What the kill experiment measured. */
export interface KillExperiment {
  reports: SendReport[]
  /** SEND_OK reports by msgId. */
  acked: Map<string, SendReport>
  consumed: ConsumedMessage[]
  /** Acknowledged messages never consumed. */
  lost: SendReport[]
  /** (brokerName, queueId, queueOffset) delivered more than once in the run. */
  duplicatePositions: number
  /** msgIds stored at two positions (a send whose answer was lost, retried elsewhere). */
  duplicateMsgIds: number
  /** Delivered messages nobody got SEND_OK for (stored, then the answer was lost or not OK). */
  unacknowledgedDelivered: number
  /** Final status of each send → count. */
  byStatus: Record<string, number>
  /** From SIGKILL (the supervisor's record of it) to the first message a slave of the killed group served (wall clocks of one machine). */
  signalToSlaveReadMs: number | null
  /** From the kill command's start / its return (process gone) to that first message. */
  killToSlaveReadMs: number | null
  killReturnToSlaveReadMs: number | null
  killRun: CliRun
  /** True when sends were under way as the killed process died (not a pause between chunks). */
  killLandedMidStream: boolean
  /** Where each queue ended on the broker it was read from. */
  queueEnds: Array<{brokerName: string; queueId: number; addr: string; maxOffset: number}>
}

/**
 * Sends `total` messages in chunks (`inflight` at a time) to two groups; after `killAfter` messages it
 * starts `mqlab kill <group>-master` without waiting, so the master dies mid-stream (the result says
 * whether it died while a chunk was under way; sending goes on past `total` until the kill has landed). A consumer (a new group, from the first offset) starts as soon
 * as the master is gone and reads until every queue is drained on the broker that serves it now (the
 * slave for the killed group). Everything acknowledged and everything delivered is accounted for.
 */
export async function killExperiment(
  t: T,
  lab: HaLab,
  options: {topic: string; group: string; killed: string; total: number; killAfter: number; chunk: number; inflight: number},
): Promise<KillExperiment> {
  const producer = new Producer({namesrvAddr: lab.namesrvAddr})
  const admin = new MQAdmin({namesrvAddr: lab.namesrvAddr})
  const consumer = new Consumer({namesrvAddr: lab.namesrvAddr})
  t.teardown(async () => {
    await Promise.allSettled([producer.close(), admin.close(), consumer.close()])
  })
  const reports: SendReport[] = []
  let kill: Promise<CliRun> | undefined
  let killStartedAt = 0
  let killReturnedAt = 0
  let firstSlaveReadAt: number | undefined
  let firstSlaveReadWallAt: number | undefined
  const consumed: ConsumedMessage[] = []
  const next = new Map<string, number>() // "brokerName/queueId" → next offset after the highest delivered
  let targets: Map<string, number> | undefined
  const stop = new AbortController()
  const drained = () => targets !== undefined && [...targets].every(([q, end]) => (next.get(q) ?? 0) >= end)
  let consuming: Promise<unknown> | undefined
  const startConsumer = () =>
    consumer.consume({
      topic: options.topic,
      group: options.group,
      from: 'first',
      timeoutMs: 120_000,
      keepMessages: false,
      signal: stop.signal,
      onMessage: (m) => {
        consumed.push(m)
        if (m.brokerName === options.killed && m.brokerId > 0 && firstSlaveReadAt === undefined) {
          firstSlaveReadAt = performance.now()
          firstSlaveReadWallAt = Date.now()
        }
        const q = `${m.brokerName}/${m.queueId}`
        next.set(q, Math.max(next.get(q) ?? 0, m.queueOffset + 1))
        if (drained()) stop.abort()
      },
    })

  // The master's pid, to tell whether it died while a chunk of sends was under way.
  const pid = Number(fs.readFileSync(path.join(lab.dir, 'run', `${options.killed}-master.pid`), 'utf8').trim())
  // The kill waits (if need be) until the slaves have synced the topic, while the first sends run meanwhile;
  // killing earlier made the run depend on where the slaves' 10 s sync timer stood.
  const slavesReady = waitSlavesKnowTopic(lab, options.topic).then(
    () => undefined,
    (err: unknown) => err,
  )
  let killLandedMidStream = false
  // At least `total` messages; past that, more chunks only while the started kill has not yet landed. The
  // kill command's start-up (seconds on a loaded machine) could otherwise outlast the remaining sends, so
  // the master died with nothing under way. Bounded at 4 × total.
  const moreWanted = (sent: number) => sent < options.total || (kill !== undefined && !killLandedMidStream && processAlive(pid) && sent < 4 * options.total)
  for (let sent = 0; moreWanted(sent); sent += options.chunk) {
    if (sent >= options.killAfter && kill === undefined) {
      const notReady = await slavesReady
      if (notReady !== undefined) throw notReady
      killStartedAt = performance.now()
      kill = lab.cli('kill', `${options.killed}-master`).then((run) => {
        killReturnedAt = performance.now()
        consuming = startConsumer()
        return run
      })
    }
    const aliveBefore = processAlive(pid)
    const count = sent < options.total ? Math.min(options.chunk, options.total - sent) : options.chunk
    const run = await producer.send(messages(options.topic, sent, count), {inflight: options.inflight})
    // Dead at the end of the chunk, or already refusing this chunk's sends: the pid can outlive the
    // crash for a moment (until it is reaped), and with the Java client's timing a chunk that meets the
    // dead master finishes fast (each such send fails at once and is retried on the other group).
    const metDeadMaster = run.messages.some((m) => m.attempts.some((a) => a.brokerName === options.killed && a.status !== 'SEND_OK'))
    if (aliveBefore && (!processAlive(pid) || metDeadMaster)) killLandedMidStream = true
    reports.push(...run.messages.map((m) => ({...m, index: sent + m.index}))) // index in the whole experiment
  }
  const killRun = await kill!

  // Where each queue ends now, on the broker that serves it: the master, or a slave for the killed group.
  const route = await admin.topicRoute(options.topic)
  const queueEnds: KillExperiment['queueEnds'] = []
  for (const qd of route.queueDatas) {
    const {master, slaves} = await groupAddrs(admin, qd.brokerName)
    const addr = master ?? slaves[0]!
    const queues = Array.from({length: qd.readQueueNums}, (_, queueId) => ({topic: options.topic, queueId}))
    const ends = await maxOffsets(admin.client.remoting, addr, queues, 3000)
    if (ends === undefined) throw new Error(`cannot read the max offsets of ${qd.brokerName} at ${addr}`)
    ends.forEach((maxOffset, queueId) => queueEnds.push({brokerName: qd.brokerName, queueId, addr, maxOffset}))
  }
  targets = new Map(queueEnds.map((e) => [`${e.brokerName}/${e.queueId}`, e.maxOffset]))
  if (drained()) stop.abort()
  await consuming

  // The supervisor records when it sent the signal (run/<node>.json, written just before the kill).
  const record = JSON.parse(fs.readFileSync(path.join(lab.dir, 'run', `${options.killed}-master.json`), 'utf8')) as {signalled?: {at: number}}
  const signalledAt = record.signalled?.at
  const acked = new Map(reports.filter((r) => r.status === 'SEND_OK').map((r) => [r.msgId!, r]))
  const consumedIds = new Set(consumed.map((m) => m.msgId))
  const positions = new Set(consumed.map((m) => `${m.brokerName}/${m.queueId}/${m.queueOffset}`))
  const byStatus: Record<string, number> = {}
  for (const r of reports) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1
  return {
    reports,
    acked,
    consumed,
    lost: [...acked.values()].filter((r) => !consumedIds.has(r.msgId!)),
    duplicatePositions: consumed.length - positions.size,
    duplicateMsgIds: positions.size - consumedIds.size,
    unacknowledgedDelivered: [...consumedIds].filter((id) => !acked.has(id)).length,
    byStatus,
    signalToSlaveReadMs: firstSlaveReadWallAt === undefined || signalledAt === undefined ? null : firstSlaveReadWallAt - signalledAt,
    killToSlaveReadMs: firstSlaveReadAt === undefined ? null : firstSlaveReadAt - killStartedAt,
    killReturnToSlaveReadMs: firstSlaveReadAt === undefined ? null : firstSlaveReadAt - killReturnedAt,
    killRun,
    killLandedMidStream,
    queueEnds,
  }
}
