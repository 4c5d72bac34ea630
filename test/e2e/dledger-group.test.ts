/**
 * Three mqbroker processes in DLedger mode and a name server, with mqlab's lab keys shortening DLedger's
 * timings: the group elects a master (brokerId 0, followers id digits + 1), followers refuse sends with
 * SERVICE_NOT_AVAILABLE, a SIGKILLed leader is replaced and no acknowledged message is lost, and after all
 * three restart every acknowledged message is readable again.
 */
import test from 'ava'
import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {spawnRuntime, type RuntimeProcess} from '../helpers/runtime-process.js'
import {MqTestClient} from '../helpers/mq-test-client.js'
import {waitUntil} from '../helpers/wait-until.js'
import {freeBrokerPort, freeLoopbackPort} from '../helpers/broker-ports.js'

const ids = ['n0', 'n1', 'n2']

test('DLedger group: election, follower refusal, leader SIGKILL without losing acknowledged sends, full restart recovers the log', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'mqlab-dledger-group-'))
  t.teardown(() => rm(dir, {recursive: true, force: true}))
  const nsPort = await freeLoopbackPort()
  const ns = `127.0.0.1:${nsPort}`
  const ports: number[] = []
  for (const _ of ids) ports.push(await freeBrokerPort())
  const raft: number[] = []
  for (const _ of ids) raft.push(await freeLoopbackPort())
  const peers = ids.map((id, i) => `${id}-127.0.0.1:${raft[i]}`).join(';')
  await writeFile(join(dir, 'ns.properties'), `listenPort=${nsPort}\n`)
  for (const [i, id] of ids.entries()) {
    await writeFile(
      join(dir, `${id}.properties`),
      [
        'brokerName=broker-a',
        `listenPort=${ports[i]}`,
        `namesrvAddr=${ns}`,
        `storePathRootDir=${join(dir, id)}`,
        'mappedFileSizeCommitLog=8388608',
        'enableDLegerCommitLog=true',
        'dLegerGroup=broker-a',
        `dLegerPeers=${peers}`,
        `dLegerSelfId=${id}`,
        'mqlabDLegerHeartBeatIntervalMs=200',
        'mqlabDLegerMinVoteIntervalMs=50',
        'mqlabDLegerMaxVoteIntervalMs=150',
      ].join('\n') + '\n',
    )
  }
  spawnRuntime(t, 'mqnamesrv', ['-c', join(dir, 'ns.properties')])
  const procs = new Map<string, RuntimeProcess>()
  const start = (id: string) => procs.set(id, spawnRuntime(t, 'mqbroker', ['-c', join(dir, `${id}.properties`)]))
  for (const id of ids) start(id)
  const client = new MqTestClient()
  t.teardown(() => client.close())
  const addrOf = (id: string) => `127.0.0.1:${ports[ids.indexOf(id)]}`
  const idOfAddr = (addr: string) => ids[ports.indexOf(Number(addr.split(':')[1]))]!
  const brokerAddrs = async () => {
    try {
      return (await client.clusterInfo(ns)).brokerAddrTable['broker-a']?.brokerAddrs ?? {}
    } catch {
      return {}
    }
  }
  const output = () => [...procs.entries()].map(([id, p]) => `--- ${id}\n${p.output().slice(-3000)}`).join('\n')
  const masterOtherThan = async (old?: string) => {
    const a = await brokerAddrs()
    return a['0'] && a['0'] !== old ? a['0'] : undefined
  }

  const first = await waitUntil(() => masterOtherThan(), 'a master registered', {timeoutMs: 60_000, intervalMs: 50}).catch((e: Error) =>
    t.fail(`${e.message}\n${output()}`),
  )
  if (!first) return
  const leader = idOfAddr(first)
  // Followers register with brokerId = self id digits + 1.
  await waitUntil(async () => Object.keys(await brokerAddrs()).length === 3, 'all three registered', {timeoutMs: 30_000})
  const table = await brokerAddrs()
  for (const id of ids.filter((x) => x !== leader)) t.is(table[String(Number(id.slice(1)) + 1)], addrOf(id))

  // Followers refuse topic changes; they copy the master's topics every 10 s. Wait for that, as an
  // operator would before relying on a new topic surviving a failover.
  t.is((await client.createTopic(first, 'DL', 1)).code, 0)
  for (const id of ids.filter((x) => x !== leader)) {
    await waitUntil(async () => (await client.pull(addrOf(id), {group: 'g', topic: 'DL', queueId: 0, offset: 0})).code !== 17, `${id} synced topic DL`, {
      timeoutMs: 30_000,
      intervalMs: 200,
    })
  }
  const acked: string[] = []
  const send = async (addr: string, body: string) => (await client.send(addr, {topic: 'DL', body, queueId: 0}, 5000)).code
  for (let i = 0; i < 40; i++) if ((await send(first, `m${i}`)) === 0) acked.push(`m${i}`)
  t.is(acked.length, 40)
  const follower = ids.find((x) => x !== leader)!
  t.is(await send(addrOf(follower), 'to-a-follower'), 14, 'a follower answers SERVICE_NOT_AVAILABLE')

  // SIGKILL the leader; a new one takes over.
  await procs.get(leader)!.stop('SIGKILL')
  const second = await waitUntil(() => masterOtherThan(first), 'a new master', {timeoutMs: 60_000, intervalMs: 50})
  for (let i = 40; i < 80; i++) {
    const body = `m${i}`
    await waitUntil(async () => (await send(second, body).catch(() => -1)) === 0, `send ${body}`, {timeoutMs: 30_000, intervalMs: 50})
    acked.push(body)
  }
  const readAll = async (addr: string) => {
    const bodies: string[] = []
    for (;;) {
      const r = await client.pull(addr, {group: 'g', topic: 'DL', queueId: 0, offset: bodies.length, maxMsgNums: 32})
      const got = MqTestClient.messages(r).map((m) => m.body.toString())
      if (got.length === 0) return bodies
      bodies.push(...got)
    }
  }
  t.deepEqual(
    (await readAll(second)).filter((b) => acked.includes(b)),
    acked,
  )

  // Restart everything: the logs recover and every acknowledged message is readable on the new master.
  start(leader)
  await waitUntil(async () => Object.keys(await brokerAddrs()).length === 3, 'the old leader rejoined', {timeoutMs: 60_000})
  for (const id of ids) await procs.get(id)!.stop('SIGTERM')
  for (const id of ids) start(id)
  const third = await waitUntil(() => masterOtherThan(), 'a master after the restart', {timeoutMs: 60_000, intervalMs: 50})
  const after = await waitUntil(
    async () => {
      const bodies = await readAll(third).catch((): string[] => [])
      return acked.every((b) => bodies.includes(b)) ? bodies : undefined
    },
    'every acknowledged message readable after the restart',
    {timeoutMs: 30_000},
  )
  t.deepEqual(
    after.filter((b) => acked.includes(b)),
    acked,
  )
})
