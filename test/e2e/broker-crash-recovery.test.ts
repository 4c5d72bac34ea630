import test, {type ExecutionContext} from 'ava'
import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {decodeSendMessageResponseHeader} from '../../runtime/remoting/header/send-message-response-header.js'
import {decodePullMessageResponseHeader} from '../../runtime/remoting/header/pull-message-response-header.js'
import {ResponseCode} from '../../runtime/remoting/response-code.js'
import {RequestCode} from '../../runtime/remoting/request-code.js'
import {MqTestClient} from '../helpers/mq-test-client.js'
import {spawnRuntime, type RuntimeProcess} from '../helpers/runtime-process.js'
import {waitUntil} from '../helpers/wait-until.js'
import {freeBrokerPort, freeLoopbackPort} from '../helpers/broker-ports.js'

const TOTAL = 10_000
const IN_FLIGHT = 64
const QUEUES = 4

interface Acked {
  body: string
  queueId: number
  queueOffset: number
  msgId: string
}

/**
 * Sends TOTAL distinct messages with IN_FLIGHT requests outstanding; calls `onAcked` after each
 * acknowledgement. Failures (the broker is killed mid-way) are counted, never retried.
 */
async function sendAll(client: MqTestClient, addr: string, onAcked: (n: number) => void): Promise<{acked: Acked[]; failed: number}> {
  const acked: Acked[] = []
  let failed = 0
  let next = 0
  const worker = async () => {
    while (next < TOTAL) {
      const i = next++
      const body = `crash-${i}`
      try {
        const r = await client.send(addr, {topic: 'Crash', body, queueId: i % QUEUES}, 30_000)
        if (r.code === ResponseCode.SUCCESS) {
          const h = decodeSendMessageResponseHeader(r.extFields)
          acked.push({body, queueId: h.queueId, queueOffset: h.queueOffset, msgId: h.msgId})
          onAcked(acked.length)
        } else failed++
      } catch {
        failed++
      }
    }
  }
  await Promise.all(Array.from({length: IN_FLIGHT}, worker))
  return {acked, failed}
}

/** Pulls every queue from offset 0 to its end; `odd` collects any answer other than FOUND before the end. */
async function consumeAll(
  client: MqTestClient,
  addr: string,
  odd: string[],
): Promise<Array<{body: string; queueId: number; queueOffset: number; msgId: string}>> {
  const out: Array<{body: string; queueId: number; queueOffset: number; msgId: string}> = []
  for (let queueId = 0; queueId < QUEUES; queueId++) {
    let offset = 0
    for (;;) {
      const r = await client.pull(addr, {group: 'G_crash', topic: 'Crash', queueId, offset, maxMsgNums: 32})
      const h = decodePullMessageResponseHeader(r.extFields)
      if (r.code === ResponseCode.SUCCESS) {
        for (const m of MqTestClient.messages(r)) out.push({body: m.body.toString(), queueId: m.queueId, queueOffset: m.queueOffset, msgId: m.msgId})
      } else if (offset < h.maxOffset) {
        odd.push(`queue ${queueId} offset ${offset}: code ${r.code} ${r.remark ?? ''} next ${h.nextBeginOffset} max ${h.maxOffset}`)
      }
      if (h.nextBeginOffset <= offset || (h.nextBeginOffset >= h.maxOffset && r.code !== ResponseCode.SUCCESS)) break
      offset = h.nextBeginOffset
    }
  }
  return out
}

async function crashAndRecover(t: ExecutionContext, flushDiskType: 'SYNC_FLUSH' | 'ASYNC_FLUSH', killWhileSending: boolean) {
  t.timeout(300_000)
  const dir = await mkdtemp(join(tmpdir(), 'mqlab-crash-'))
  t.teardown(() => rm(dir, {recursive: true, force: true}))
  const nsPort = await freeLoopbackPort()
  const port = await freeBrokerPort()
  await writeFile(join(dir, 'namesrv.properties'), `listenPort=${nsPort}\n`)
  await writeFile(
    join(dir, 'broker.properties'),
    [
      'brokerClusterName=CrashCluster',
      'brokerName=broker-crash',
      'brokerId=0',
      'brokerIP1=127.0.0.1',
      `listenPort=${port}`,
      `namesrvAddr=127.0.0.1:${nsPort}`,
      `storePathRootDir=${join(dir, 'store')}`,
      `flushDiskType=${flushDiskType}`,
      // Small segments: 10,000 records span several files, so recovery crosses segment ends.
      'mappedFileSizeCommitLog=262144',
      'maxMessageSize=65536',
      '',
    ].join('\n'),
  )
  const client = new MqTestClient()
  t.teardown(() => client.close())
  const namesrvAddr = `127.0.0.1:${nsPort}`
  const brokerAddr = `127.0.0.1:${port}`
  spawnRuntime(t, 'mqnamesrv', ['-c', join(dir, 'namesrv.properties')])
  const startBroker = async (): Promise<RuntimeProcess> => {
    const broker = spawnRuntime(t, 'mqbroker', ['-c', join(dir, 'broker.properties')])
    // Generous: under the full suite on 2 shared cores a process start can take many seconds.
    await waitUntil(() => client.brokerRegistered(namesrvAddr, brokerAddr), 'the broker registered with the name server', {
      timeoutMs: 90_000,
      intervalMs: 50,
    }).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${broker.output()}`)
    })
    return broker
  }

  let broker = await startBroker()
  t.is((await client.createTopic(brokerAddr, 'Crash', QUEUES)).code, 0)
  let killed: Promise<number | string> | undefined
  const started = Date.now()
  const {acked, failed} = await sendAll(client, brokerAddr, (n) => {
    if (killWhileSending && !killed && n >= TOTAL / 2) killed = broker.stop('SIGKILL')
  })
  const sendMs = Date.now() - started
  if (!killed) killed = broker.stop('SIGKILL')
  t.is(await killed, 'SIGKILL')
  t.log(
    `${flushDiskType}: ${acked.length} acknowledged, ${failed} failed in ${sendMs} ms; broker SIGKILLed ${killWhileSending ? 'while sending' : 'after sending'}`,
  )
  if (!killWhileSending) t.is(acked.length, TOTAL)
  else t.true(acked.length >= TOTAL / 2)

  // The name server drops the killed broker when its connection closes; wait for that, so the readiness
  // probe below cannot be answered by the dead broker's registration.
  await waitUntil(async () => !(await client.brokerRegistered(namesrvAddr, brokerAddr)), 'the killed broker dropped from the name server', {
    timeoutMs: 60_000,
    intervalMs: 50,
  })
  const restartedAt = Date.now()
  broker = await startBroker()
  t.log(`restart to registered: ${Date.now() - restartedAt} ms`)
  const odd: string[] = []
  const consumed = await consumeAll(client, brokerAddr, odd)
  t.deepEqual(odd, [], 'every pull below the end finds messages')
  const byBody = new Map<string, number>()
  for (const m of consumed) byBody.set(m.body, (byBody.get(m.body) ?? 0) + 1)
  const duplicates = [...byBody].filter(([, n]) => n > 1)
  t.deepEqual(duplicates, [], 'no message is stored twice')
  const found = new Map(consumed.map((m) => [m.body, m]))
  const lost = acked.filter((a) => !found.has(a.body))
  if (lost.length > 0) {
    const ends: string[] = []
    for (let q = 0; q < QUEUES; q++) {
      const max = await client.invoke(brokerAddr, RequestCode.GET_MAX_OFFSET, {topic: 'Crash', queueId: q})
      ends.push(`queue ${q}: max ${max.extFields?.offset}, consumed ${consumed.filter((m) => m.queueId === q).length}`)
    }
    t.log(`${flushDiskType}: lost ${lost.length}; ${ends.join('; ')}\n${broker.output().split('\n').slice(0, 12).join('\n')}`)
  }
  t.deepEqual(lost.slice(0, 5), [], `${lost.length} acknowledged messages lost`)
  for (const a of acked) {
    const m = found.get(a.body)
    if (m && (m.queueId !== a.queueId || m.queueOffset !== a.queueOffset || m.msgId !== a.msgId)) {
      t.fail(`${a.body} acknowledged at ${a.queueId}/${a.queueOffset} ${a.msgId}, found at ${m.queueId}/${m.queueOffset} ${m.msgId}`)
      break
    }
  }
  for (const m of consumed) t.true(/^crash-\d+$/.test(m.body))
  t.log(`recovered ${consumed.length} messages (${acked.length} acknowledged)`)
  // Graceful stop of the restarted broker: exit 0.
  t.is(await broker.stop('SIGTERM'), 0)
}

test.serial('SYNC_FLUSH: every acknowledged message survives a SIGKILL while sending, exactly once', (t) => crashAndRecover(t, 'SYNC_FLUSH', true))

test.serial('ASYNC_FLUSH: every acknowledged message survives a SIGKILL after sending, exactly once', (t) => crashAndRecover(t, 'ASYNC_FLUSH', false))
