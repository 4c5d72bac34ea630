import test from 'ava'
import {KVConfigManager} from '../../../runtime/namesrv/kv-config-manager.js'

test('put, get, delete, list by namespace', (t) => {
  const kv = new KVConfigManager()
  t.is(kv.getKVConfig('N', 'k'), undefined)
  t.is(kv.getKVListByNamespace('N'), undefined)
  kv.putKVConfig('N', 'k', 'v')
  kv.putKVConfig('N', 'k2', 'v2')
  t.is(kv.getKVConfig('N', 'k'), 'v')
  t.deepEqual(kv.getKVListByNamespace('N'), {k: 'v', k2: 'v2'})
  kv.deleteKVConfig('N', 'k')
  kv.deleteKVConfig('N', 'k2')
  kv.deleteKVConfig('Other', 'x')
  t.deepEqual(kv.getKVListByNamespace('N'), {}, 'an emptied namespace is still listed, as in Java')
})

test('every change is persisted in order as KVConfigSerializeWrapper JSON, and loads back', async (t) => {
  const writes: string[] = []
  const kv = new KVConfigManager(async (text) => {
    writes.push(text)
  })
  kv.putKVConfig('ORDER_TOPIC_CONFIG', 'T', 'broker-a:4')
  kv.putKVConfig('N', 'a', '1')
  kv.deleteKVConfig('N', 'a')
  await kv.flush()
  t.is(writes.length, 3)
  t.deepEqual(JSON.parse(writes[2]!), {configTable: {ORDER_TOPIC_CONFIG: {T: 'broker-a:4'}, N: {}}})
  const again = new KVConfigManager()
  again.load(writes[2])
  t.is(again.getKVConfig('ORDER_TOPIC_CONFIG', 'T'), 'broker-a:4')
  again.load(undefined)
  again.load('')
  t.throws(() => again.load('{oops'))
})

test('a failing write is reported and does not stop later writes', async (t) => {
  const errors: unknown[] = []
  let calls = 0
  const kv = new KVConfigManager(
    async () => {
      calls++
      if (calls === 1) throw new Error('disk full')
    },
    (err) => errors.push(err),
  )
  kv.putKVConfig('N', 'a', '1')
  kv.putKVConfig('N', 'b', '2')
  await kv.flush()
  t.is(calls, 2)
  t.is(errors.length, 1)
})
