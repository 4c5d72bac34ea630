/**
 * How to launch a node of each engine: the supervisor's one seam (SupervisorDeps.launch). Embedded
 * nodes start as before (node bin/mqbroker.js -c FILE); Apache RocketMQ nodes start as
 * `java … NamesrvStartup|BrokerStartup -c FILE` with ROCKETMQ_HOME set, on the same .properties file,
 * logging to the same logs/<node>.log. A JVM writes no pid file, so a one-line sh wrapper writes its own
 * pid and then execs java (same pid); readiness is checked over the wire as for every node.
 */
import path from 'node:path'
import {nodeLaunch} from '../lab/node-launch.js'
import type {LabNodeSpec} from '../lab/lab-node-spec.js'
import type {SpawnRequest} from '../lab/process-host.js'
import {labPaths} from '../topology/lab-paths.js'
import {resolveApacheEngine, type ApacheEngine} from './engine-catalogue.js'
import {findJava, type JavaRuntime} from './java-runtime.js'
import {jvmArgs} from './jvm-options.js'
import {engineOf, readLabEngines, usesApache, type LabEngines} from './lab-engines.js'

/** Writes the shell's pid (which exec hands to java) to MQLAB_PID_FILE, then runs the JVM. */
const PID_WRAPPER = 'echo $$ > "$MQLAB_PID_FILE" && exec "$@"'

/** The spawn request for a node on Apache RocketMQ. */
export function jvmNodeLaunch(
  spec: LabNodeSpec,
  pidFile: string,
  labDir: string,
  engine: ApacheEngine,
  java: JavaRuntime,
  env: NodeJS.ProcessEnv = process.env,
): Omit<SpawnRequest, 'logFile'> {
  const childEnv: Record<string, string> = {}
  for (const [k, v] of Object.entries(env)) if (v !== undefined) childEnv[k] = v
  childEnv.MQLAB_PID_FILE = pidFile
  childEnv.ROCKETMQ_HOME = engine.home
  const args = jvmArgs(spec.kind, {java, home: engine.home, logDir: labPaths(labDir).logs, env})
  return {command: '/bin/sh', args: ['-c', PID_WRAPPER, 'mqlab-jvm', java.java, ...args, '-c', spec.confPath], cwd: labDir, env: childEnv}
}

/**
 * The launcher for a lab: reads the lab's engine record once; Java and the engine are looked up the
 * first time a Java node starts (so an embedded-only lab never needs either).
 */
export function labLauncher(labDir: string, env: NodeJS.ProcessEnv = process.env): (spec: LabNodeSpec, pidFile: string) => Omit<SpawnRequest, 'logFile'> {
  let engines: LabEngines | undefined
  let jvm: {engine: ApacheEngine; java: JavaRuntime} | undefined
  return (spec, pidFile) => {
    engines ??= readLabEngines(labDir)
    if (engineOf(engines, spec.name) !== 'apache') return nodeLaunch(spec, pidFile, labDir, env)
    jvm ??= {engine: resolveApacheEngine(engines.apacheVersion, env), java: findJava(env)}
    return jvmNodeLaunch(spec, pidFile, path.resolve(labDir), jvm.engine, jvm.java, env)
  }
}

/**
 * Supervisor timings for a lab with Java nodes: a JVM broker's graceful stop took 4-8 s on a loaded
 * two-core machine (RocketMQ's message store pauses 3 s in its shutdown alone), close to the default
 * 10 s before SIGKILL, which would turn a `stop` into a crash (abort file, recovery at the next start).
 */
export const JVM_STOP_TIMEOUT_MS = 30_000

/** Timing defaults the lab's engines need (none for an embedded-only lab). */
export function engineTimings(labDir: string, nodes: readonly string[]): {stopTimeoutMs?: number} {
  return usesApache(readLabEngines(labDir), nodes) ? {stopTimeoutMs: JVM_STOP_TIMEOUT_MS} : {}
}
