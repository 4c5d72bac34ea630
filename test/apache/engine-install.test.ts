import test from 'ava'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import {tempDir} from '../helpers/lab-cli.js'
import {installEngine, mqlabWithEnv} from './apache-lab.js'

// `mqlab engine install apache` as a user runs it (Maven's ~/.m2 keeps later runs fast), then each way
// it can fail, with the real Maven and Java where the failure allows it.

test('engine install apache resolves the jars with Maven and writes the logback configs; engine list shows it', async (t) => {
  const run = await installEngine()
  t.is(run.exitCode, 0, run.stdout + run.stderr)
  const r = run.json.result
  t.true(['installed', 'already-installed'].includes(r.action))
  t.regex(r.version, /^4\.9\.\d+$/)
  t.true(r.jars >= 30)
  for (const jar of ['rocketmq-namesrv', 'rocketmq-broker', 'rocketmq-tools', 'rocketmq-client', 'dledger']) {
    t.true(
      fs.readdirSync(path.join(r.home, 'lib')).some((f) => f.startsWith(jar)),
      jar,
    )
  }
  for (const f of ['logback_namesrv.xml', 'logback_broker.xml', 'logback_tools.xml']) t.true(fs.existsSync(path.join(r.home, 'conf', f)), f)
  t.log(`install: ${r.action} ${r.version} in ${r.seconds} s (${r.jars} jars)`)

  const again = await mqlabWithEnv(process.cwd(), ['engine', 'install', 'apache'], {})
  t.is(again.exitCode, 0)
  t.is(again.json.result.action, 'already-installed')
  const list = await mqlabWithEnv(process.cwd(), ['engine', 'list'], {})
  t.true(list.json.result.engines.some((e: any) => e.engine === 'apache' && e.version === r.version && e.state === 'ready'))
  t.true(list.json.result.engines.some((e: any) => e.engine === 'embedded'))
})

test('a half-finished install (no engine.json) is started over by the next run', async (t) => {
  const home = await tempDir(t, 'mqlab-home-')
  const version = (await installEngine()).json.result.version as string
  const dir = path.join(home, 'engines', `apache-${version}`)
  fs.mkdirSync(path.join(dir, 'lib.partial'), {recursive: true})
  fs.writeFileSync(path.join(dir, 'lib.partial', 'truncated.jar'), 'PK')
  const listed = await mqlabWithEnv(home, ['engine', 'list'], {MQLAB_HOME: home})
  t.true(listed.json.result.engines.some((e: any) => e.engine === 'apache' && e.state === 'half-finished'))
  const run = await mqlabWithEnv(home, ['engine', 'install', 'apache', '--version', version], {MQLAB_HOME: home})
  t.is(run.exitCode, 0, run.stdout + run.stderr)
  t.like(run.json.result, {action: 'installed', resumed: true, dir})
  t.false(fs.existsSync(path.join(dir, 'lib.partial')))
  t.false(fs.readdirSync(path.join(dir, 'lib')).includes('truncated.jar'))
  t.true(fs.existsSync(path.join(dir, 'engine.json')))
})

test('no Java, Java too old, no Maven: clear errors, exit 17, nothing installed', async (t) => {
  const home = await tempDir(t, 'mqlab-home-')
  const noJava = await mqlabWithEnv(home, ['engine', 'install', 'apache'], {MQLAB_HOME: home, JAVA_HOME: path.join(home, 'no-jdk')})
  t.is(noJava.exitCode, 17)
  t.is(noJava.json.error?.code, 'JAVA_NOT_FOUND')

  // A JDK whose java reports 1.7 (RocketMQ 4.9 needs 8).
  const oldJdk = path.join(home, 'jdk7')
  fs.mkdirSync(path.join(oldJdk, 'bin'), {recursive: true})
  fs.writeFileSync(path.join(oldJdk, 'bin', 'java'), '#!/bin/sh\necho \'java version "1.7.0_80"\' >&2\n', {mode: 0o755})
  const old = await mqlabWithEnv(home, ['engine', 'install', 'apache'], {MQLAB_HOME: home, JAVA_HOME: oldJdk})
  t.is(old.exitCode, 17)
  t.is(old.json.error?.code, 'JAVA_TOO_OLD')
  t.regex(old.json.error?.message ?? '', /1\.7\.0_80.*Java 8/)

  const noMaven = await mqlabWithEnv(home, ['engine', 'install', 'apache'], {MQLAB_HOME: home, MQLAB_MVN: path.join(home, 'no-mvn')})
  t.is(noMaven.exitCode, 17)
  t.is(noMaven.json.error?.code, 'MAVEN_NOT_FOUND')
  t.false(fs.existsSync(path.join(home, 'engines')), 'nothing written before the checks pass')
})

test('registry unreachable: the real Maven, pointed at a closed loopback port with an empty cache, gives REGISTRY_UNREACHABLE; the install stays re-runnable', async (t) => {
  const home = await tempDir(t, 'mqlab-home-')
  // A port that was free a moment ago and is closed now: connections are refused at once.
  const server = net.createServer().listen(0, '127.0.0.1')
  await new Promise((r) => server.once('listening', r))
  const port = (server.address() as net.AddressInfo).port
  await new Promise((r) => server.close(r))
  const settings = path.join(home, 'settings.xml')
  fs.writeFileSync(
    settings,
    `<settings><localRepository>${path.join(home, 'm2')}</localRepository><mirrors><mirror><id>closed</id><mirrorOf>*</mirrorOf><url>http://127.0.0.1:${port}/maven2</url></mirror></mirrors></settings>\n`,
  )
  const mvn = path.join(home, 'mvn-closed')
  fs.writeFileSync(mvn, `#!/bin/sh\nexec mvn -s ${settings} "$@"\n`, {mode: 0o755})
  const run = await mqlabWithEnv(home, ['engine', 'install', 'apache'], {MQLAB_HOME: home, MQLAB_MVN: mvn})
  t.is(run.exitCode, 17, run.stdout + run.stderr)
  t.is(run.json.error?.code, 'REGISTRY_UNREACHABLE')
  t.regex(run.json.error?.message ?? '', /127\.0\.0\.1/)
  const list = await mqlabWithEnv(home, ['engine', 'list'], {MQLAB_HOME: home})
  t.false(list.json.result.engines.some((e: any) => e.engine === 'apache' && e.state === 'ready'))
})

test('--rocketmq-home registers an unpacked distribution (nothing copied); ROCKETMQ_HOME is listed; a folder that is none is refused', async (t) => {
  const home = await tempDir(t, 'mqlab-home-')
  const dist = (await installEngine()).json.result.home as string // laid out as a distribution: lib/, conf/
  const run = await mqlabWithEnv(home, ['engine', 'install', 'apache', '--rocketmq-home', dist], {MQLAB_HOME: home, ROCKETMQ_HOME: undefined})
  t.is(run.exitCode, 0, run.stdout + run.stderr)
  t.like(run.json.result, {action: 'registered', source: 'rocketmq-home', home: dist})
  const list = await mqlabWithEnv(home, ['engine', 'list'], {MQLAB_HOME: home, ROCKETMQ_HOME: dist})
  const sources = list.json.result.engines
    .filter((e: any) => e.engine === 'apache')
    .map((e: any) => e.source)
    .sort()
  t.deepEqual(sources, ['ROCKETMQ_HOME', 'rocketmq-home'])
  const bad = await mqlabWithEnv(home, ['engine', 'install', 'apache', '--rocketmq-home', home], {MQLAB_HOME: home})
  t.is(bad.exitCode, 17)
  t.is(bad.json.error?.code, 'ENGINE_NOT_INSTALLED')
})
