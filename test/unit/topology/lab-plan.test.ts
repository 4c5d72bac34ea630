import test from 'ava'
import {hostAddresses, planLab, type LabOptions} from '../../../src/topology/lab-plan.js'
import {findTemplate, listTemplates} from '../../../src/topology/template-catalogue.js'

const options: LabOptions = {dir: '/lab', namesrvCount: 2, flushDiskType: 'ASYNC_FLUSH', clusterName: 'DefaultCluster', hosts: 1}
const plan = (name: string, o: Partial<LabOptions> = {}) => planLab(findTemplate(name), {...options, ...o})
const value = (node: {entries: Array<{key: string; value: string}>}, key: string) => node.entries.find((e) => e.key === key)?.value

test('hosts: one host is 127.0.0.1; N hosts are 127.0.0.2 …', (t) => {
  t.deepEqual(hostAddresses(1), ['127.0.0.1'])
  t.deepEqual(hostAddresses(3), ['127.0.0.2', '127.0.0.3', '127.0.0.4'])
})

test('2m-2s-sync on one host: node names, files and the documented ports', (t) => {
  const p = plan('2m-2s-sync')
  t.deepEqual(
    p.nodes.map((n) => [n.name, n.confFile, n.host, n.ports.map((x) => x.port)]),
    [
      ['namesrv-1', 'namesrv-1.properties', '127.0.0.1', [9876]],
      ['namesrv-2', 'namesrv-2.properties', '127.0.0.1', [9877]],
      ['broker-a-master', 'broker-a.properties', '127.0.0.1', [10909, 10911, 10912]],
      ['broker-a-slave', 'broker-a-s.properties', '127.0.0.1', [10919, 10921, 10922]],
      ['broker-b-master', 'broker-b.properties', '127.0.0.1', [10929, 10931, 10932]],
      ['broker-b-slave', 'broker-b-s.properties', '127.0.0.1', [10939, 10941, 10942]],
    ],
  )
  const master = p.nodes[2]
  t.is(value(master, 'brokerRole'), 'SYNC_MASTER')
  t.is(value(master, 'brokerId'), '0')
  t.is(value(master, 'haListenPort'), '10912')
  t.is(value(master, 'namesrvAddr'), '127.0.0.1:9876;127.0.0.1:9877')
  t.is(value(master, 'storePathRootDir'), '/lab/store/broker-a-master')
  t.is(value(master, 'storePathCommitLog'), '/lab/store/broker-a-master/commitlog')
  t.is(value(p.nodes[3], 'brokerRole'), 'SLAVE')
  t.is(value(p.nodes[3], 'brokerId'), '1')
})

test("--hosts 2 crosses the layout: each host a name server, one master on 10911 and the other group's slave", (t) => {
  const p = plan('2m-2s-async', {hosts: 2})
  const at = (name: string) => p.nodes.find((n) => n.name === name)!
  t.deepEqual([at('namesrv-1').host, value(at('namesrv-1'), 'listenPort')], ['127.0.0.2', '9876'])
  t.deepEqual([at('namesrv-2').host, value(at('namesrv-2'), 'listenPort')], ['127.0.0.3', '9876'])
  t.deepEqual([at('broker-a-master').host, value(at('broker-a-master'), 'listenPort')], ['127.0.0.2', '10911'])
  t.deepEqual([at('broker-b-master').host, value(at('broker-b-master'), 'listenPort')], ['127.0.0.3', '10911'])
  t.deepEqual([at('broker-a-slave').host, value(at('broker-a-slave'), 'listenPort')], ['127.0.0.3', '10921'])
  t.deepEqual([at('broker-b-slave').host, value(at('broker-b-slave'), 'listenPort')], ['127.0.0.2', '10921'])
  t.is(value(at('broker-a-slave'), 'brokerIP1'), '127.0.0.3')
  t.is(value(at('namesrv-2'), 'bindAddress'), '127.0.0.3')
})

test("dledger: RocketMQ's required keys, shared brokerName, ports 30911/30921/30931 and raft 40911-40913", (t) => {
  const p = plan('dledger')
  const members = p.nodes.filter((n) => n.kind === 'broker')
  t.deepEqual(
    members.map((n) => n.name),
    ['broker-a-n0', 'broker-a-n1', 'broker-a-n2'],
  )
  t.deepEqual(
    members.map((n) => value(n, 'listenPort')),
    ['30911', '30921', '30931'],
  )
  for (const [i, n] of members.entries()) {
    t.is(value(n, 'enableDLegerCommitLog'), 'true')
    t.is(value(n, 'brokerName'), 'broker-a')
    t.is(value(n, 'dLegerGroup'), 'broker-a')
    t.is(value(n, 'dLegerPeers'), 'n0-127.0.0.1:40911;n1-127.0.0.1:40912;n2-127.0.0.1:40913')
    t.is(value(n, 'dLegerSelfId'), `n${i}`)
    t.is(value(n, 'brokerRole'), undefined)
    t.is(n.ports.at(-1)?.port, 40911 + i)
  }
})

test('options flow into every broker: flush type, cluster name, name server count', (t) => {
  const p = plan('2m-noslave', {flushDiskType: 'SYNC_FLUSH', clusterName: 'LabCluster', namesrvCount: 3})
  const brokers = p.nodes.filter((n) => n.kind === 'broker')
  t.true(brokers.every((n) => value(n, 'flushDiskType') === 'SYNC_FLUSH' && value(n, 'brokerClusterName') === 'LabCluster'))
  t.is(value(brokers[0], 'namesrvAddr'), '127.0.0.1:9876;127.0.0.1:9877;127.0.0.1:9878')
})

test("every template plans the issue's keys for every broker", (t) => {
  const required = [
    'brokerClusterName',
    'brokerName',
    'flushDiskType',
    'namesrvAddr',
    'brokerIP1',
    'listenPort',
    'haListenPort',
    'storePathRootDir',
    'deleteWhen',
    'fileReservedTime',
    'mappedFileSizeCommitLog',
    'maxMessageSize',
    'autoCreateTopicEnable',
    'defaultTopicQueueNums',
  ]
  for (const spec of listTemplates()) {
    for (const n of planLab(spec, options).nodes.filter((x) => x.kind === 'broker')) {
      for (const k of required) t.truthy(value(n, k), `${spec.name} ${n.name} ${k}`)
    }
  }
})
