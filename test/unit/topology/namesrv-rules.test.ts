import test from 'ava'
import {edit, labFiles, problems, rules} from './lab-fixture.js'

test('namesrv rules passing: brokers list every name server of the lab', (t) => {
  t.deepEqual(rules(labFiles('single', {namesrvCount: 3})), [])
})

test('namesrv-addr: malformed namesrvAddr (per-file)', (t) => {
  const files = edit(labFiles('single'), 'broker-a.properties', {namesrvAddr: '127.0.0.1:9876,127.0.0.1:9877'})
  t.deepEqual(rules(files), ['error:namesrv-addr'])
})

test('namesrv-missing: a lab with no name server is an error', (t) => {
  const files = labFiles('single')
  delete files['namesrv-1.properties']
  delete files['namesrv-2.properties']
  t.true(rules(files).includes('error:namesrv-missing'))
})

test('namesrv-missing: a broker without namesrvAddr is a warning', (t) => {
  const files = edit(labFiles('single'), 'broker-a.properties', {namesrvAddr: undefined})
  t.deepEqual(rules(files), ['warning:namesrv-missing'])
})

test('namesrv-unknown: an address that is no name server of the lab', (t) => {
  const files = edit(labFiles('single'), 'broker-a.properties', {namesrvAddr: '127.0.0.1:9876;127.0.0.1:9877;127.0.0.1:9999'})
  const p = problems(files)
  t.deepEqual(
    p.map((x) => x.rule),
    ['namesrv-unknown'],
  )
  t.regex(p[0].message, /127\.0\.0\.1:9999/)
})

test('namesrv-partial: a broker that skips one name server', (t) => {
  const files = edit(labFiles('single'), 'broker-a.properties', {namesrvAddr: '127.0.0.1:9876'})
  const p = problems(files)
  t.deepEqual(
    p.map((x) => x.rule),
    ['namesrv-partial'],
  )
  t.regex(p[0].message, /namesrv-2 \(127\.0\.0\.1:9877\)/)
})
