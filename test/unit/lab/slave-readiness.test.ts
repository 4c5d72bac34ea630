import test from 'ava'
import type {ClusterInfo} from '../../../runtime/remoting/body/cluster-info.js'
import type {HaSlaveStatus, HaStatus} from '../../../runtime/remoting/body/ha-status.js'
import type {LabNodeSpec} from '../../../src/lab/lab-node-spec.js'
import type {LabWire} from '../../../src/lab/lab-wire.js'
import {probeNode} from '../../../src/lab/readiness.js'

const NS = '127.0.0.1:9876'
const SLAVE = '127.0.0.1:10921'
const spec = {
  name: 'broker-a-slave',
  kind: 'broker',
  addr: SLAVE,
  fileRole: 'SLAVE',
  brokerName: 'broker-a',
  brokerId: 1,
  namesrvAddrs: [NS],
} as unknown as LabNodeSpec

function wire(slave: Partial<HaSlaveStatus> | undefined, masterRegistered = true): LabWire {
  const brokerAddrs: Record<string, string> = {1: SLAVE}
  if (masterRegistered) brokerAddrs[0] = '127.0.0.1:10911'
  const info: ClusterInfo = {brokerAddrTable: {'broker-a': {cluster: 'C', brokerName: 'broker-a', brokerAddrs}}, clusterAddrTable: {C: ['broker-a']}}
  const status = (s: Partial<HaSlaveStatus>): HaStatus => ({
    brokerName: 'broker-a',
    brokerId: 1,
    role: 'SLAVE',
    maxPhyOffset: 0,
    now: 0,
    slave: {
      masterHaAddress: '127.0.0.1:10912',
      masterAddress: '127.0.0.1:10911',
      state: 'CONNECTED',
      lastError: null,
      reportedOffset: 0,
      lastContactAt: null,
      bytesPerSecond: 0,
      ...s,
    },
  })
  return {
    clusterInfo: async () => info,
    brokerRuntimeInfo: async () => ({}),
    haStatus: async () => (slave === undefined ? undefined : status(slave)),
    close: async () => undefined,
  }
}

test("a slave is ready once its HA link has sent the first offset report, not merely connected (RocketMQ's silent first 5 s)", async (t) => {
  const waiting = await probeNode(spec, wire({state: 'CONNECTED', reporting: false}), 100)
  t.false(waiting.ready)
  t.regex(waiting.detail ?? '', /first offset report after haSendHeartbeatInterval/)
  t.false((await probeNode(spec, wire({state: 'CONNECTING', reporting: false}), 100)).ready)
  t.deepEqual(await probeNode(spec, wire({state: 'CONNECTED', reporting: true}), 100), {ready: true})
})

test('a slave with no live master, or one that cannot connect, is ready with a note; a broker without the status is ready', async (t) => {
  t.like(await probeNode(spec, wire({state: 'NO_MASTER', reporting: false}, false), 100), {ready: true, detail: 'not replicating: its master is not running'})
  t.like(await probeNode(spec, wire({state: 'DISCONNECTED', reporting: false, lastError: 'connect ECONNREFUSED'}), 100), {
    ready: true,
    detail: 'not replicating: connect ECONNREFUSED',
  })
  t.deepEqual(await probeNode(spec, wire(undefined), 100), {ready: true}, 'a Java broker (no MQLAB_GET_HA_STATUS)')
  t.deepEqual(await probeNode(spec, wire({state: 'CONNECTED'}), 100), {ready: true}, 'an older mqlab broker without the field')
})
