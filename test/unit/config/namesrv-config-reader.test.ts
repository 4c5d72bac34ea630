import test from 'ava'
import {readNamesrvConfigText} from '../../../runtime/config/namesrv-config-reader.js'

const F = 'conf/namesrv-1.properties'
const read = (text: string) => readNamesrvConfigText(text, F, {cwd: '/cwd'})

test('passing fixture: listenPort, bindAddress and kvConfigPath', (t) => {
  const r = read('listenPort=9877\nbindAddress=127.0.0.2\nkvConfigPath=/lab/store/namesrv-2/kvConfig.json\n')
  t.deepEqual(r.problems, [])
  t.deepEqual(r.config, {
    listenPort: 9877,
    bindAddress: '127.0.0.2',
    orderMessageEnable: false,
    serverChannelMaxIdleTimeSeconds: 120,
    kvConfigPath: '/lab/store/namesrv-2/kvConfig.json',
  })
})

test('port-range: listenPort 0 or above 65535', (t) => {
  t.deepEqual(
    read('listenPort=0\n').problems.map((p) => p.rule),
    ['port-range'],
  )
  t.deepEqual(
    read('listenPort=65536\n').problems.map((p) => p.rule),
    ['value-range'],
  )
})

test('bind-address: must look like an address', (t) => {
  t.deepEqual(
    read('listenPort=9876\nbindAddress=127.0.0.1 9876\n').problems.map((p) => p.rule),
    ['bind-address'],
  )
})

test('unknown-key: a broker key in a name server file says where it belongs', (t) => {
  const r = read('listenPort=9876\nbrokerName=broker-a\n')
  t.like(r.problems[0], {rule: 'unknown-key', line: 2, key: 'brokerName'})
  t.regex(r.problems[0].message, /broker file/)
})

test('unknown-key: did-you-mean in a name server file', (t) => {
  const r = read('listenport=9876\n')
  t.regex(r.problems[0].message, /did you mean listenPort/)
})

test('file-empty', (t) => {
  t.deepEqual(
    read('').problems.map((p) => p.rule),
    ['file-empty'],
  )
})
