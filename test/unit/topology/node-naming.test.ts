import test from 'ava'
import {brokerNodeName, confFileName, nodeFromConfFile} from '../../../src/topology/node-naming.js'

test('node names and RocketMQ-style conf file names', (t) => {
  t.is(confFileName('namesrv-1'), 'namesrv-1.properties')
  t.is(confFileName(brokerNodeName('broker-a', {master: true})), 'broker-a.properties')
  t.is(confFileName(brokerNodeName('broker-a', {slave: 1})), 'broker-a-s.properties')
  t.is(confFileName(brokerNodeName('broker-a', {slave: 2})), 'broker-a-s2.properties')
  t.is(confFileName(brokerNodeName('broker-a', {dledgerId: 'n0'})), 'broker-a-n0.properties')
})

test('conf file names map back to node names and kinds', (t) => {
  for (const name of ['namesrv-1', 'broker-a-master', 'broker-a-slave', 'broker-a-slave-2', 'broker-b-n2']) {
    t.is(nodeFromConfFile(confFileName(name)).name, name)
  }
  t.is(nodeFromConfFile('namesrv-2.properties').kind, 'namesrv')
  t.is(nodeFromConfFile('broker-a-s.properties').kind, 'broker')
})
