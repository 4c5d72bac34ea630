import test from 'ava'
import fs from 'node:fs/promises'
import path from 'node:path'
import {loadBrokerConfig} from '../../../runtime/config/broker-config-loader.js'
import {ConfigError} from '../../../runtime/config/config-error.js'
import {loadNamesrvConfig} from '../../../runtime/config/namesrv-config-loader.js'
import {tempDir as makeTempDir} from '../../helpers/temp-dir.js'

const tempDir = (t: {teardown(fn: () => unknown): void}) => makeTempDir(t, 'mqlab-config-')

test('loadBrokerConfig returns the typed config of a good file and passes warnings on', async (t) => {
  const dir = await tempDir(t)
  const file = path.join(dir, 'broker-a.properties')
  await fs.writeFile(file, `brokerName=broker-a\nlistenPort=10921\nstorePathRootDir=${dir}/store\nmapedFileSizeCommitLog=16777216\n`)
  const warnings: string[] = []
  const config = loadBrokerConfig(file, {onWarnings: (ps) => warnings.push(...ps.map((p) => p.rule))})
  t.is(config.listenPort, 10921)
  t.is(config.haListenPort, 10922)
  t.is(config.storePathCommitLog, `${dir}/store/commitlog`)
  t.deepEqual(warnings, ['deprecated-key'])
})

test('loadBrokerConfig throws a ConfigError whose message is file:line: key: problem', async (t) => {
  const dir = await tempDir(t)
  const file = path.join(dir, 'broker-a.properties')
  await fs.writeFile(file, 'brokerName=broker-a\nlistenport=10911\n')
  const error = t.throws(() => loadBrokerConfig(file), {instanceOf: ConfigError})
  t.is(error?.message, `${file}:2: listenport: unknown key (did you mean listenPort?)`)
  t.deepEqual(
    error?.problems.map((p) => p.rule),
    ['unknown-key'],
  )
})

test('loadBrokerConfig: a missing file is a ConfigError, not an ENOENT crash', (t) => {
  const error = t.throws(() => loadBrokerConfig('/nonexistent/mqlab/broker.properties'), {instanceOf: ConfigError})
  t.deepEqual(
    error?.problems.map((p) => p.rule),
    ['file-unreadable'],
  )
  t.regex(error?.message ?? '', /no such file/)
})

test('loadNamesrvConfig reads a good file and rejects an empty one', async (t) => {
  const dir = await tempDir(t)
  const good = path.join(dir, 'namesrv-1.properties')
  await fs.writeFile(good, 'listenPort=9877\nbindAddress=127.0.0.1\n')
  t.is(loadNamesrvConfig(good).listenPort, 9877)
  const empty = path.join(dir, 'empty.properties')
  await fs.writeFile(empty, '')
  const error = t.throws(() => loadNamesrvConfig(empty), {instanceOf: ConfigError})
  t.deepEqual(
    error?.problems.map((p) => p.rule),
    ['file-empty'],
  )
})
