/**
 * Finding the `java` to run RocketMQ with: $JAVA_HOME/bin/java when JAVA_HOME is set, else `java` on
 * PATH; its major version from `java -version` (printed on stderr: `openjdk version "17.0.15"`, or
 * `"1.8.0_392"` for Java 8). RocketMQ 4.9 needs Java 8 or newer.
 */
import {spawnSync} from 'node:child_process'
import path from 'node:path'
import {MqlabError} from '../errors/mqlab-error.js'

/** The oldest Java RocketMQ 4.9 runs on. */
export const MIN_JAVA_MAJOR = 8

/** A usable Java. */
export interface JavaRuntime {
  /** The executable. */
  java: string
  /** Major version: 8, 11, 17, … */
  major: number
  /** The version string as printed. */
  version: string
}

/** The java executable to use (not checked). */
export function javaExecutable(env: NodeJS.ProcessEnv = process.env): string {
  const home = env.JAVA_HOME
  return home !== undefined && home !== '' ? path.join(home, 'bin', 'java') : 'java'
}

/** Parses the output of `java -version` (pure): its version string and major, or undefined. */
export function parseJavaVersion(output: string): {version: string; major: number} | undefined {
  const m = /version "([^"]+)"/.exec(output)
  if (!m) return undefined
  const version = m[1]!
  const parts = version.split(/[.+_-]/)
  const first = Number(parts[0])
  const major = first === 1 ? Number(parts[1]) : first
  return Number.isInteger(major) && major > 0 ? {version, major} : undefined
}

/** Finds Java and checks its version; JAVA_NOT_FOUND / JAVA_TOO_OLD otherwise. */
export function findJava(env: NodeJS.ProcessEnv = process.env): JavaRuntime {
  const java = javaExecutable(env)
  const run = spawnSync(java, ['-version'], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env, timeout: 30_000})
  if (run.error) {
    const code = (run.error as NodeJS.ErrnoException).code
    throw new MqlabError(
      'JAVA_NOT_FOUND',
      code === 'ENOENT' ? `no Java found (${java}): Apache RocketMQ runs on a JVM` : `cannot run ${java} -version: ${run.error.message}`,
      {
        suggestion: 'install a JDK 8 or newer (Debian: apt-get install openjdk-17-jdk-headless), or set JAVA_HOME',
        details: {java},
      },
    )
  }
  // `java -version` prints on stderr.
  return checkJavaVersion(java, `${run.stderr ?? ''}${run.stdout ?? ''}`)
}

/** The runtime described by `java -version` output, or JAVA_TOO_OLD / JAVA_NOT_FOUND (pure). */
export function checkJavaVersion(java: string, output: string): JavaRuntime {
  const parsed = parseJavaVersion(output)
  if (parsed === undefined)
    throw new MqlabError('JAVA_NOT_FOUND', `cannot read the Java version from ${java} -version: ${output.trim()}`, {
      suggestion: 'check your JDK installation or JAVA_HOME',
      details: {java},
    })
  if (parsed.major < MIN_JAVA_MAJOR) {
    throw new MqlabError('JAVA_TOO_OLD', `Java ${parsed.version} (${java}) is too old: Apache RocketMQ 4.9 needs Java ${MIN_JAVA_MAJOR} or newer`, {
      suggestion: 'install a JDK 8 or newer (17 is what mqlab is tested with) and point JAVA_HOME at it',
      details: {java, version: parsed.version, major: parsed.major},
    })
  }
  return {java, ...parsed}
}
