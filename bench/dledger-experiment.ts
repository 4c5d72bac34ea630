/**
 * The DLedger failover experiment (issue 12): `node dist/bench/dledger-experiment.js [--kills N]
 * [--timings lab|default] [--producers N] [--failover fast|java]`. A DLedger group (bench/dledger-cluster.ts) takes a continuous
 * stream of sends from mqlab's producer while the leader is SIGKILLed N times (restarted after each new
 * master); two name servers are sampled every 20 ms for broker-a's brokerId-0 address. Then a SIGSTOP of
 * the leader (a new leader is elected) and SIGCONT (the old one steps down), then a restart of all three.
 * At the end every acknowledged message must be consumable. Prints one JSON object; exit 1 when an
 * acknowledged message is missing.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {setTimeout as delay} from 'node:timers/promises'
import {Consumer} from '../src/client/consumer/consumer.js'
import {Producer} from '../src/client/producer/producer.js'
import {RemotingLabWire} from '../src/lab/remoting-lab-wire.js'
import {encodeCreateTopicRequestHeader} from '../runtime/remoting/header/create-topic-request-header.js'
import {RemotingClient} from '../runtime/remoting/remoting-client.js'
import {createRequest} from '../runtime/remoting/remoting-command.js'
import {RequestCode} from '../runtime/remoting/request-code.js'
import {startDLedgerBenchCluster} from './dledger-cluster.js'

interface Args {
  kills: number
  timings: 'lab' | 'default'
  producers: number
  failover: 'java' | 'fast'
}

function parseArgs(argv: string[]): Args {
  const a: Args = {kills: 20, timings: 'lab', producers: 4, failover: 'fast'}
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--kills') a.kills = Number(argv[++i])
    else if (argv[i] === '--timings') a.timings = argv[++i] === 'default' ? 'default' : 'lab'
    else if (argv[i] === '--producers') a.producers = Number(argv[++i])
    else if (argv[i] === '--failover') a.failover = argv[++i] === 'java' ? 'java' : 'fast'
    else throw new Error(`unknown argument ${argv[i]}`)
  }
  return a
}

async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const v = await fn()
    if (v !== undefined) return v
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await delay(20)
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mqlab-dledger-exp-'))
  const cluster = await startDLedgerBenchCluster({dir, timings: args.timings})
  const wire = new RemotingLabWire()
  // The topic must exist on every member before the first kill, as in a production group whose followers
  // synced it long ago: created on the master (followers refuse topic changes), then one pass of the
  // followers' 10 s metadata sync.
  const admin = new RemotingClient()
  const header = encodeCreateTopicRequestHeader({
    topic: 'DLX',
    defaultTopic: 'TBW102',
    readQueueNums: 4,
    writeQueueNums: 4,
    perm: 6,
    topicFilterType: 'SINGLE_TAG',
    topicSysFlag: 0,
    order: false,
  })
  const master = await cluster.master()
  await admin.invoke(cluster.brokerAddr[master!]!, createRequest(RequestCode.UPDATE_AND_CREATE_TOPIC, header), 3000)
  await admin.close()
  await delay(13_000)
  const acked = new Set<string>()
  const statuses: Record<string, number> = {}
  // The last SEND_OK whose send started after `since`: an answer already on its way when the leader died
  // does not count as the new leader's.
  let lastOkAt = 0
  let lastOkStartedAt = 0
  let running = true
  let seq = 0
  // 'fast' (default here): the producer re-reads the route when a connection fails, so the figure is the
  // group's failover; 'java' adds RocketMQ's client behaviour (a dead master stays in the route until the
  // 30 s poll).
  const producer = new Producer({namesrvAddr: cluster.namesrvAddrs, sendMsgTimeout: 3000, failover: args.failover})
  const loops = Array.from({length: args.producers}, async () => {
    while (running) {
      const body = `e-${seq++}`
      const startedAt = Date.now()
      const r = await producer.sendOne({topic: 'DLX', body}).catch(() => undefined)
      const status = r?.status ?? 'EXCEPTION'
      statuses[status] = (statuses[status] ?? 0) + 1
      if (status === 'SEND_OK') {
        acked.add(body)
        lastOkAt = Date.now()
        lastOkStartedAt = startedAt
      } else await delay(50)
    }
  })
  // Sample the name servers for broker-a's master.
  let samples = 0
  let disagreements = 0
  let noMaster = 0
  const sampler = (async () => {
    while (running) {
      const m = await cluster.mastersPerNamesrv()
      samples++
      const set = new Set(m.filter((x) => x !== undefined))
      if (set.size > 1) disagreements++
      if (set.size === 0) noMaster++
      await delay(20)
    }
  })()
  const leader = async () => {
    for (const [id, addr] of Object.entries(cluster.brokerAddr)) {
      const info = await wire.brokerRuntimeInfo(addr, 1000).catch(() => undefined)
      if (info?.dLedgerRole === 'LEADER') return id
    }
    return undefined
  }
  const allRegistered = async () => {
    const info = await wire.clusterInfo(cluster.namesrvAddrs[0]!, 1000).catch(() => undefined)
    return info && Object.keys(info.brokerAddrTable['broker-a']?.brokerAddrs ?? {}).length === 3 ? true : undefined
  }
  const failovers: number[] = []
  try {
    await waitFor('a first SEND_OK', async () => (acked.size > 0 ? true : undefined), 30_000)
    for (let k = 0; k < args.kills; k++) {
      await waitFor('all three registered', allRegistered, 60_000)
      await delay(300)
      const id = await waitFor('a leader', leader, 30_000)
      const p = cluster.processes.get(id)!
      const killedAt = Date.now()
      p.child.kill('SIGKILL')
      await new Promise((resolve) => p.child.once('exit', resolve))
      await waitFor('a SEND_OK after the kill', async () => (lastOkStartedAt > killedAt ? true : undefined), 120_000)
      failovers.push(lastOkAt - killedAt)
      await cluster.start(id)
    }
    // SIGSTOP the leader: a new one is elected; SIGCONT: the old one steps down.
    await waitFor('all three registered', allRegistered, 60_000)
    const paused = await waitFor('a leader', leader, 30_000)
    const pp = cluster.processes.get(paused)!
    const stoppedAt = Date.now()
    pp.child.kill('SIGSTOP')
    await waitFor('a SEND_OK after SIGSTOP', async () => (lastOkStartedAt > stoppedAt ? true : undefined), 120_000)
    const pauseFailoverMs = lastOkAt - stoppedAt
    pp.child.kill('SIGCONT')
    const steppedDown = await waitFor(
      'the paused leader to step down',
      async () => {
        const info = await wire.brokerRuntimeInfo(cluster.brokerAddr[paused]!, 1000).catch(() => undefined)
        return info && info.dLedgerRole !== 'LEADER' ? info.dLedgerRole : undefined
      },
      60_000,
    )
    running = false
    await Promise.all(loops)
    await sampler
    // Restart all three and read everything back.
    for (const [, p] of cluster.processes) await p.stop()
    for (const id of Object.keys(cluster.brokerAddr)) await cluster.start(id)
    await waitFor('a master after restarting all three', cluster.master, 60_000)
    // Read until every acknowledged message was seen (sends that timed out may be stored too).
    const consumer = new Consumer({namesrvAddr: cluster.namesrvAddrs})
    const seen = new Set<string>()
    const done = new AbortController()
    let ackedSeen = 0
    await consumer.consume({
      topic: 'DLX',
      group: 'exp',
      from: 'first',
      timeoutMs: 60_000,
      keepMessages: false,
      signal: done.signal,
      onMessage: (m) => {
        if (acked.has(m.body) && !seen.has(m.body)) ackedSeen++
        seen.add(m.body)
        if (ackedSeen === acked.size) done.abort()
      },
    })
    await consumer.close()
    const lost = [...acked].filter((b) => !seen.has(b))
    const sorted = [...failovers].sort((a, b) => a - b)
    const result = {
      timings: args.timings,
      clientFailover: args.failover,
      kills: args.kills,
      acknowledged: acked.size,
      lostAcknowledged: lost.length,
      lostSample: lost.slice(0, 10),
      statuses,
      killToFirstSendOkMs: {min: sorted[0], p50: sorted[Math.floor(sorted.length / 2)], max: sorted[sorted.length - 1], all: failovers},
      sigstop: {toFirstSendOkMs: pauseFailoverMs, oldLeaderAfterSigcont: steppedDown},
      namesrvSamples: samples,
      samplesWithTwoMasters: disagreements,
      samplesWithoutMaster: noMaster,
    }
    console.log(JSON.stringify(result, null, 2))
    process.exitCode = lost.length === 0 ? 0 : 1
  } finally {
    running = false
    await producer.close().catch(() => undefined)
    await wire.close()
    await cluster.stop()
    fs.rmSync(dir, {recursive: true, force: true})
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error)
  process.exitCode = 1
})
