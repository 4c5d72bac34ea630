/**
 * Where installed engines live: `$MQLAB_HOME/engines/apache-<version>/` (MQLAB_HOME defaults to
 * ~/.mqlab), outside any lab and outside the project, so every lab on the machine shares one install.
 * An install folder is laid out like an unpacked Apache RocketMQ distribution (lib/*.jar, conf/), so it
 * is also a valid ROCKETMQ_HOME for RocketMQ's startup classes.
 */
import os from 'node:os'
import path from 'node:path'

/** The engines mqlab knows. `embedded` is mqlab's own runtime (runtime/); `apache` is Apache RocketMQ on a JVM. */
export const ENGINE_NAMES = ['embedded', 'apache'] as const
export type EngineName = (typeof ENGINE_NAMES)[number]

/**
 * The Apache RocketMQ version installed when none is asked for. 4.9.8 is the version mqlab models, but
 * the Maven registry this project reaches serves rocketmq-namesrv and rocketmq-broker only up to 4.9.7
 * (4.9.8's tools and client jars are there, its server jars are not); `--version 4.9.8` is tried as asked
 * and fails with ENGINE_VERSION_NOT_SERVED where the registry lacks it.
 */
export const DEFAULT_APACHE_VERSION = '4.9.7'

/** $MQLAB_HOME, or ~/.mqlab. */
export function mqlabHome(env: NodeJS.ProcessEnv = process.env): string {
  const home = env.MQLAB_HOME
  return home !== undefined && home !== '' ? path.resolve(home) : path.join(os.homedir(), '.mqlab')
}

/** The folder holding every installed engine. */
export function enginesDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(mqlabHome(env), 'engines')
}

/** The install folder of Apache RocketMQ `version`. */
export function apacheInstallDir(version: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.join(enginesDir(env), `apache-${version}`)
}

/** Name of the file an install writes last: present only when the install finished. */
export const ENGINE_MANIFEST = 'engine.json'

/** What engine.json records. */
export interface EngineManifest {
  engine: 'apache'
  version: string
  /** The ROCKETMQ_HOME to run with: the install folder itself, or the distribution given with --rocketmq-home. */
  home: string
  /** How it got there. */
  source: 'maven' | 'rocketmq-home'
  /** Maven coordinates resolved (source maven). */
  artifacts?: string[]
  jars: number
  installedAt: string
  /** Seconds the install took. */
  seconds?: number
}
