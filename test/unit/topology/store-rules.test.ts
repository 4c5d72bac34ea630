import test from 'ava'
import {edit, labFiles, problems, rules} from './lab-fixture.js'

test('store-shared passing: generated labs give every node its own store', (t) => {
  t.deepEqual(rules(labFiles('2m-2s-async')), [])
})

test('store-shared: two brokers sharing a store root (the "Lock failed, MQ already started" trap)', (t) => {
  const files = edit(labFiles('2m-noslave'), 'broker-b.properties', {
    storePathRootDir: '/lab/store/broker-a-master',
    storePathCommitLog: '/lab/store/broker-a-master/commitlog',
  })
  const found = problems(files).filter((p) => p.rule === 'store-shared')
  t.is(found.length, 1)
  t.like(found[0], {severity: 'error', file: 'conf/broker-b.properties', key: 'storePathRootDir'})
  t.regex(found[0].message, /Lock failed, MQ already started/)
  t.regex(found[0].fix ?? '', /storePathRootDir=\/lab\/store\/broker-b-master/)
})

test('store-shared: one store nested inside another', (t) => {
  const files = edit(labFiles('2m-noslave'), 'broker-b.properties', {
    storePathRootDir: '/lab/store/broker-a-master/b',
    storePathCommitLog: '/lab/store/broker-a-master/b/commitlog',
  })
  const p = problems(files).find((x) => x.rule === 'store-shared')
  t.regex(p!.message, /broker-b-master's store .* is inside broker-a-master's store/)
})

test('store-shared: distinct roots but a shared commitlog (no lock protects it)', (t) => {
  const files = edit(labFiles('2m-noslave'), 'broker-b.properties', {storePathCommitLog: '/lab/store/broker-a-master/commitlog'})
  const p = problems(files).find((x) => x.rule === 'store-shared')
  t.like(p, {severity: 'error', key: 'storePathCommitLog'})
  t.regex(p!.message, /commitlog .* overlaps broker-a-master's commitlog/)
})

test('store-shared: name servers without kvConfigPath share ~/namesrv/kvConfig.json (warning)', (t) => {
  let files = edit(labFiles('single'), 'namesrv-1.properties', {kvConfigPath: undefined})
  files = edit(files, 'namesrv-2.properties', {kvConfigPath: undefined})
  t.deepEqual(rules(files), ['warning:store-shared'])
})
