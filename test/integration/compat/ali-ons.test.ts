import test from 'ava'
import {createRequire} from 'node:module'
import {startBrokerLab} from '../../helpers/broker-lab.js'
import {waitUntil} from '../../helpers/wait-until.js'

// ali-ons 3.12.0, a real RocketMQ client written by others (pure JS), run unchanged against mqlab.
const require = createRequire(import.meta.url)
const {Producer, Consumer, Message} = require('ali-ons') as {
  Producer: (new (options: object) => any) & {defaultProducer?: any}
  Consumer: new (options: object) => any
  Message: new (topic: string, tags: string, body: string | Buffer) => any
}
const quiet = {info() {}, warn() {}, error() {}, debug() {}}
// Short client intervals so route changes (the %RETRY% topic) are seen within a second.
const fastClient = {pollNameServerInteval: 500, heartbeatBrokerInterval: 1000, rebalanceInterval: 500, persistConsumerOffsetInterval: 500}

test('ali-ons produces N messages and consumes every one, a failed one is retried through %RETRY%', async (t) => {
  const lab = await startBrokerLab(t, {messageDelayLevel: Array.from({length: 18}, () => '1s').join(' ')})
  const topic = 'TopicCompat'
  // ali-ons cannot auto-create topics (it never falls back to TBW102): create it first, as with RocketMQ.
  t.is((await lab.client.createTopic(lab.brokerAddr, topic, 4)).code, 0)
  await waitUntil(() => lab.client.route(lab.namesrv.address, topic), 'the topic route')

  const errors: Error[] = []
  const producer = new Producer({
    nameSrv: lab.namesrv.address,
    httpclient: {},
    producerGroup: 'PID_compat',
    logger: quiet,
    instanceName: 'compat-p',
    ...fastClient,
  })
  producer.on('error', (e: Error) => errors.push(e))
  let consumer: any
  // Close the clients before the lab stops (teardowns run last-registered first), including the hidden
  // CLIENT_INNER_PRODUCER every ali-ons Producer/Consumer starts, which would otherwise keep polling.
  t.teardown(async () => {
    await consumer?.close().catch(() => undefined)
    await producer.close().catch(() => undefined)
    const inner = Producer.defaultProducer
    if (inner) {
      inner.on('error', () => undefined)
      await inner.close().catch(() => undefined)
      Producer.defaultProducer = undefined
    }
  })
  await producer.ready()

  const N = 20
  const sent = new Map<string, string>()
  for (let i = 0; i < N; i++) {
    const body = i === 7 ? 'fail-once' : `hello-${i}`
    const result = await producer.send(new Message(topic, i % 2 === 0 ? 'TagA' : 'TagB', body))
    t.is(result.sendStatus, 'SEND_OK')
    t.regex(result.msgId, /^7F000001[0-9A-F]{24}$/)
    sent.set(body, result.msgId)
  }
  t.is(sent.size, N)

  const received: Array<{body: string; topic: string; reconsumeTimes: number; tags: string}> = []
  let failed = false
  consumer = new Consumer({
    nameSrv: lab.namesrv.address,
    httpclient: {},
    consumerGroup: 'GID_compat',
    consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
    logger: quiet,
    instanceName: 'compat-c',
    ...fastClient,
  })
  // Route lookups for %RETRY%GID_compat fail until the first heartbeat creates it: expected noise.
  consumer.on('error', () => undefined)
  consumer.subscribe(topic, '*', async (msg: any) => {
    const body = msg.body.toString()
    received.push({body, topic: msg.topic, reconsumeTimes: msg.reconsumeTimes, tags: msg.tags})
    if (body === 'fail-once' && !failed) {
      failed = true
      throw new Error('handler failure on purpose')
    }
  })
  await consumer.ready()

  await waitUntil(() => new Set(received.map((r) => r.body)).size === N, `all ${N} messages consumed`, {timeoutMs: 30_000})
  const retried = await waitUntil(() => received.find((r) => r.body === 'fail-once' && r.reconsumeTimes === 1), 'the failed message retried', {
    timeoutMs: 30_000,
  })
  // ali-ons swaps the retry topic back to the original one (RETRY_TOPIC property).
  t.is(retried.topic, topic)
  t.is(retried.tags, 'TagB')
  t.is(received.filter((r) => r.body === 'fail-once').length, 2)
  for (const [body] of sent)
    t.true(
      received.some((r) => r.body === body),
      `missing ${body}`,
    )
  t.is(received.filter((r) => r.body !== 'fail-once').length, N - 1, 'no other message delivered twice')
  t.deepEqual(errors, [])

  // Offsets were committed (UPDATE_CONSUMER_OFFSET / pull COMMIT_OFFSET): together they cover every message.
  await waitUntil(
    () => {
      let committed = 0
      for (let q = 0; q < 4; q++) committed += Math.max(0, lab.broker.consumerOffsetManager.queryOffset('GID_compat', topic, q))
      return committed === N
    },
    'offsets committed for every message',
    {timeoutMs: 10_000},
  )
})
