/**
 * The JVM command line of a lab node on Apache RocketMQ (pure). RocketMQ's bin/runbroker.sh asks for an
 * 8 GB heap (-Xms8g -Xmx8g -Xmn4g) and runserver.sh 4 GB, with Java 8 GC flags (-XX:+UseG1GC plus
 * CMS/PrintGC options that Java 17 rejects); a lab runs six JVMs on a small machine, so it gets small
 * fixed heaps and the serial collector instead, which start fast and keep RSS low.
 */
import type {JavaRuntime} from './java-runtime.js'

/** Main classes, as bin/mqnamesrv, bin/mqbroker and bin/mqadmin start them. */
export const MAIN_CLASS = {
  namesrv: 'org.apache.rocketmq.namesrv.NamesrvStartup',
  broker: 'org.apache.rocketmq.broker.BrokerStartup',
  admin: 'org.apache.rocketmq.tools.command.MQAdminStartup',
} as const

/** Heap per node kind, in MiB. */
export const HEAP_MB = {namesrv: 96, broker: 256, admin: 128} as const

/**
 * Flags Java 9+ needs for RocketMQ 4.9: its store unmaps a deleted commitlog/consume-queue file by
 * calling DirectByteBuffer.cleaner() and Cleaner.clean() reflectively (MappedFile.clean), which the
 * module system refuses unless java.nio and jdk.internal.ref are opened (seen: without them `mqadmin
 * deleteTopic` fails with InaccessibleObjectException on Java 17); Netty reaches into sun.nio.ch.
 * Java 8 does not know --add-opens and would refuse to start with them.
 */
export function moduleFlags(major: number): string[] {
  if (major < 9) return []
  return [
    '--add-opens=java.base/java.nio=ALL-UNNAMED',
    '--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED',
    '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
    '--add-exports=java.base/sun.nio.ch=ALL-UNNAMED',
  ]
}

/** Extra options from MQLAB_JVM_OPTS (space separated), appended last so they win. */
export function userJvmOptions(env: NodeJS.ProcessEnv): string[] {
  return (env.MQLAB_JVM_OPTS ?? '').split(/\s+/).filter((x) => x !== '')
}

/** The JVM arguments (everything after `java`) for a node kind. */
export function jvmArgs(kind: 'namesrv' | 'broker' | 'admin', options: {java: JavaRuntime; home: string; logDir: string; env: NodeJS.ProcessEnv}): string[] {
  const heap = HEAP_MB[kind]
  const launcher = kind === 'namesrv' ? 'mqnamesrv' : kind === 'broker' ? 'mqbroker' : 'mqadmin'
  return [
    `-Xms${heap}m`,
    `-Xmx${heap}m`,
    '-XX:+UseSerialGC',
    // one or two cores: fewer compiler threads and no shared perf-data file per JVM
    '-XX:CICompilerCount=2',
    '-XX:+PerfDisableSharedMem',
    '-XX:-OmitStackTraceInFastThrow',
    ...moduleFlags(options.java.major),
    `-Drocketmq.home.dir=${options.home}`,
    // the client library's logger (used inside the broker and by mqadmin) goes to logback too, not ~/logs
    '-Drocketmq.client.logUseSlf4j=true',
    `-Drocketmq.client.logRoot=${options.logDir}`,
    `-Dmqlab.log.dir=${options.logDir}`,
    // names the process like the script that would start it, so `ps` and mqlab's pid checks recognise it
    `-Dmqlab.launcher=${launcher}`,
    ...userJvmOptions(options.env),
    '-cp',
    `${options.home}/lib/*`,
    MAIN_CLASS[kind],
  ]
}
