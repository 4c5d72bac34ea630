import test from 'ava'
import {MqlabError} from '../../../src/cli/mqlab-error.js'
import {adminArgs, namesNamesrv, splitAdminArgv} from '../../../src/engine/admin-run.js'
import {compareVersions} from '../../../src/engine/engine-catalogue.js'
import {checkJavaVersion, parseJavaVersion} from '../../../src/engine/java-runtime.js'
import {jvmArgs, moduleFlags} from '../../../src/engine/jvm-options.js'
import {applyEngineFlags, describeEngines, EMBEDDED_ONLY, engineOf, usesApache} from '../../../src/engine/lab-engines.js'
import {classifyMavenFailure, renderInstallPom} from '../../../src/engine/maven-resolve.js'

test('java -version output: Java 17, Java 8 ("1.8.0_392") and 1.7 (too old)', (t) => {
  t.deepEqual(parseJavaVersion('openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment'), {version: '17.0.15', major: 17})
  t.deepEqual(parseJavaVersion('java version "1.8.0_392"'), {version: '1.8.0_392', major: 8})
  t.deepEqual(parseJavaVersion('openjdk version "21" 2023-09-19'), {version: '21', major: 21})
  t.is(parseJavaVersion('no version here'), undefined)
  const err = t.throws(() => checkJavaVersion('java', 'java version "1.7.0_80"'), {instanceOf: MqlabError})
  t.is((err as MqlabError).code, 'JAVA_TOO_OLD')
  t.is(checkJavaVersion('java', 'openjdk version "11.0.2"').major, 11)
})

test('Maven failures: a version the registry lacks, a registry that cannot be reached, anything else', (t) => {
  const notServed = classifyMavenFailure(
    '[ERROR] Failed to execute goal on project apache-rocketmq: Could not resolve dependencies for project mqlab.engine:apache-rocketmq:pom:4.9.8: The following artifacts could not be resolved: org.apache.rocketmq:rocketmq-namesrv:jar:4.9.8, org.apache.rocketmq:rocketmq-broker:jar:4.9.8: Could not find artifact org.apache.rocketmq:rocketmq-namesrv:jar:4.9.8 in central (https://repo.maven.apache.org/maven2) -> [Help 1]',
  )
  t.deepEqual(notServed, {kind: 'not-served', artifact: 'org.apache.rocketmq:rocketmq-namesrv:jar:4.9.8'})
  const refused = classifyMavenFailure(
    '[ERROR] Plugin org.apache.maven.plugins:maven-dependency-plugin:3.6.1 or one of its dependencies could not be resolved: Failed to read artifact descriptor for org.apache.maven.plugins:maven-dependency-plugin:jar:3.6.1: Could not transfer artifact org.apache.maven.plugins:maven-dependency-plugin:pom:3.6.1 from/to closed (http://127.0.0.1:4/maven2): Connect to 127.0.0.1:4 [/127.0.0.1] failed: Connection refused -> [Help 1]',
  )
  t.is(refused.kind, 'unreachable')
  t.is(classifyMavenFailure('\u001b[1;31m[ERROR]\u001b[m something else broke\n[ERROR] \n').kind, 'other')
})

test('the generated pom asks for the name server, broker and tools of one version', (t) => {
  const pom = renderInstallPom('4.9.7')
  for (const a of ['rocketmq-namesrv', 'rocketmq-broker', 'rocketmq-tools'])
    t.regex(pom, new RegExp(`<artifactId>${a}</artifactId><version>4\\.9\\.7</version>`))
  t.regex(pom, /<packaging>pom<\/packaging>/)
})

test('--engine values: a default, per-node exceptions, unknown engines and nodes refused', (t) => {
  const nodes = ['namesrv-1', 'broker-a-master', 'broker-a-slave']
  const all = applyEngineFlags(EMBEDDED_ONLY, ['apache'], nodes)
  t.deepEqual(all, {default: 'apache', nodes: {}})
  const mixed = applyEngineFlags(EMBEDDED_ONLY, ['broker-a-slave=apache'], nodes)
  t.is(engineOf(mixed, 'broker-a-slave'), 'apache')
  t.is(engineOf(mixed, 'broker-a-master'), 'embedded')
  t.true(usesApache(mixed, nodes))
  t.is(describeEngines(mixed), 'embedded; broker-a-slave on apache')
  // A per-node choice equal to the default is dropped; a later default replaces earlier exceptions.
  t.deepEqual(applyEngineFlags(mixed, ['broker-a-slave=embedded'], nodes).nodes, {})
  t.deepEqual(applyEngineFlags(mixed, ['apache', 'broker-a-master=embedded'], nodes), {default: 'apache', nodes: {'broker-a-master': 'embedded'}})
  t.is(t.throws<MqlabError>(() => applyEngineFlags(EMBEDDED_ONLY, ['kafka'], nodes))?.code, 'UNKNOWN_ENGINE')
  t.is(t.throws<MqlabError>(() => applyEngineFlags(EMBEDDED_ONLY, ['broker-z=apache'], nodes))?.code, 'UNKNOWN_NODE')
})

test("mqlab admin: -n added unless given, mqlab flags split from mqadmin's", (t) => {
  t.deepEqual(adminArgs(['clusterList'], ['127.0.0.1:9876', '127.0.0.1:9877']), ['clusterList', '-n', '127.0.0.1:9876;127.0.0.1:9877'])
  t.deepEqual(adminArgs(['topicRoute', '-t', 'T', '-n', 'h:1'], ['127.0.0.1:9876']), ['topicRoute', '-t', 'T', '-n', 'h:1'])
  t.deepEqual(adminArgs([], ['127.0.0.1:9876']), [])
  t.true(namesNamesrv(['-nh:1']))
  t.false(namesNamesrv(['-t', 'T']))
  t.deepEqual(splitAdminArgv(['--dir', 'lab', 'topicRoute', '-t', 'T', '--json']), {flags: {dir: 'lab'}, rest: ['topicRoute', '-t', 'T']})
  t.deepEqual(splitAdminArgv(['--namesrv=h:1', '--', 'x', '--dir', 'y']), {flags: {namesrv: 'h:1'}, rest: ['x', '--dir', 'y']})
})

test('JVM options: small fixed heaps, --add-opens only on Java 9+, the main class last', (t) => {
  t.deepEqual(moduleFlags(8), [])
  t.true(moduleFlags(17).includes('--add-opens=java.base/java.nio=ALL-UNNAMED'))
  const args = jvmArgs('broker', {java: {java: 'java', major: 17, version: '17'}, home: '/e', logDir: '/lab/logs', env: {MQLAB_JVM_OPTS: '-Xmx300m'}})
  t.is(args.at(-1), 'org.apache.rocketmq.broker.BrokerStartup')
  t.deepEqual(args.slice(-3, -1), ['-cp', '/e/lib/*'])
  t.true(args.includes('-Xms256m') && args.includes('-XX:+UseSerialGC'))
  t.true(args.indexOf('-Xmx300m') > args.indexOf('-Xmx256m'), 'MQLAB_JVM_OPTS comes later and wins')
  t.true(args.includes('-Dmqlab.launcher=mqbroker'))
})

test('versions compare numerically', (t) => {
  t.true(compareVersions('4.9.10', '4.9.8') > 0)
  t.is(compareVersions('4.9.7', '4.9.7'), 0)
})
