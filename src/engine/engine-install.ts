/**
 * `mqlab engine install apache`: Java and Maven checked first, then Maven resolves the jars into
 * `<install>/lib.partial/`, the logback configs go into `<install>/conf/`, lib.partial becomes lib/, and
 * engine.json is written last. An install stopped half-way (Ctrl-C, a dropped connection) has no
 * engine.json, so the next run starts it over; Maven's own cache (~/.m2) keeps the retry fast.
 */
import {spawn, spawnSync} from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import {MqlabError} from '../errors/mqlab-error.js'
import {apacheInstallDir, ENGINE_MANIFEST, type EngineManifest} from './engine-home.js'
import {findJava, type JavaRuntime} from './java-runtime.js'
import {LOGBACK_CONFIGS} from './logback-configs.js'
import {apacheArtifacts, classifyMavenFailure, COPY_GOAL, renderInstallPom} from './maven-resolve.js'
import {readManifest, writeManifest, inspectDistribution} from './engine-catalogue.js'

/** What an install did. */
export interface InstallResult {
  engine: 'apache'
  version: string
  action: 'installed' | 'already-installed' | 'registered'
  dir: string
  home: string
  source: EngineManifest['source']
  jars: number
  java: {executable: string; version: string; major: number}
  maven?: string
  seconds: number
  /** A half-finished earlier install that this one replaced. */
  resumed: boolean
}

/** What the installer can be told. */
export interface InstallRequest {
  version: string
  force: boolean
  env?: NodeJS.ProcessEnv
  /** An unpacked Apache RocketMQ distribution to register instead of resolving jars. */
  rocketmqHome?: string
  /** Progress lines (not under --json). */
  onStep?: (line: string) => void
}

/** The `mvn` to run. */
function mavenExecutable(env: NodeJS.ProcessEnv): string {
  return env.MQLAB_MVN !== undefined && env.MQLAB_MVN !== '' ? env.MQLAB_MVN : 'mvn'
}

/** Maven's version line; MAVEN_NOT_FOUND when there is no Maven. */
export function findMaven(env: NodeJS.ProcessEnv = process.env): string {
  const mvn = mavenExecutable(env)
  const run = spawnSync(mvn, ['-v'], {encoding: 'utf8', env, timeout: 60_000})
  if (run.error || run.status !== 0) {
    throw new MqlabError('MAVEN_NOT_FOUND', `no Maven found (${mvn}): mqlab resolves Apache RocketMQ's jars with it`, {
      suggestion: 'install Maven 3 (Debian: apt-get install maven), or point --rocketmq-home at an unpacked Apache RocketMQ distribution',
      details: {mvn, error: run.error?.message ?? run.stderr?.trim() ?? null},
    })
  }
  const first =
    (run.stdout ?? '')
      .replace(/\u001B\[[0-9;]*m/g, '')
      .split('\n')[0]
      ?.trim() ?? ''
  return first
}

/** Installs (or registers) Apache RocketMQ. */
export async function installApache(request: InstallRequest): Promise<InstallResult> {
  const env = request.env ?? process.env
  const started = Date.now()
  const step = request.onStep ?? (() => undefined)
  const java = findJava(env)
  const javaInfo = {executable: java.java, version: java.version, major: java.major}
  if (request.rocketmqHome !== undefined) return registerDistribution(request.rocketmqHome, javaInfo, env, started)

  const dir = apacheInstallDir(request.version, env)
  const existing = readManifest(dir)
  if (existing && !request.force) {
    return {
      engine: 'apache',
      version: existing.version,
      action: 'already-installed',
      dir,
      home: existing.home,
      source: existing.source,
      jars: existing.jars,
      java: javaInfo,
      seconds: secondsSince(started),
      resumed: false,
    }
  }
  const maven = findMaven(env)
  const resumed = !existing && fs.existsSync(dir)
  if (resumed) step(`${dir} holds a half-finished install (no ${ENGINE_MANIFEST}): starting it over`)
  const work = path.join(dir, '.install')
  const partial = path.join(dir, 'lib.partial')
  try {
    fs.rmSync(partial, {recursive: true, force: true})
    fs.mkdirSync(work, {recursive: true})
    fs.writeFileSync(path.join(work, 'pom.xml'), renderInstallPom(request.version))
  } catch (err) {
    throw new MqlabError('WRITE_FAILED', `cannot write ${dir}: ${(err as Error).message}`, {
      suggestion: 'check the permissions, or set MQLAB_HOME to a writable folder',
    })
  }
  step(`resolving ${apacheArtifacts(request.version).join(', ')} with Maven (${maven})`)
  try {
    await runMaven(env, ['-B', '-q', '-f', path.join(work, 'pom.xml'), COPY_GOAL, `-DoutputDirectory=${partial}`, '-DincludeScope=runtime'], request.version)
  } catch (err) {
    // A version the registry lacks leaves nothing to resume: no folder is kept for it. Otherwise the
    // folder stays without engine.json (listed as half-finished) and the next run starts over.
    if (err instanceof MqlabError && err.code === 'ENGINE_VERSION_NOT_SERVED' && !existing) fs.rmSync(dir, {recursive: true, force: true})
    else fs.rmSync(partial, {recursive: true, force: true})
    throw err
  }
  const jars = fs.readdirSync(partial).filter((f) => f.endsWith('.jar'))
  if (!jars.some((j) => j.startsWith(`rocketmq-broker-${request.version}`))) {
    throw new MqlabError('ENGINE_INSTALL_FAILED', `Maven finished but ${partial} holds no rocketmq-broker-${request.version}.jar`, {
      suggestion: 'run the install again with --force',
    })
  }
  step(`${jars.length} jars resolved; writing conf/ (logback configs)`)
  // From here until engine.json is written again the install is half-finished (a --force reinstall keeps
  // the old one usable until Maven has succeeded).
  fs.rmSync(path.join(dir, ENGINE_MANIFEST), {force: true})
  writeConf(dir)
  fs.rmSync(path.join(dir, 'lib'), {recursive: true, force: true})
  fs.renameSync(partial, path.join(dir, 'lib'))
  const seconds = secondsSince(started)
  writeManifest(dir, {
    engine: 'apache',
    version: request.version,
    home: dir,
    source: 'maven',
    artifacts: apacheArtifacts(request.version),
    jars: jars.length,
    installedAt: new Date().toISOString(),
    seconds,
  })
  return {
    engine: 'apache',
    version: request.version,
    action: 'installed',
    dir,
    home: dir,
    source: 'maven',
    jars: jars.length,
    java: javaInfo,
    maven,
    seconds,
    resumed,
  }
}

function writeConf(dir: string): void {
  const conf = path.join(dir, 'conf')
  fs.mkdirSync(conf, {recursive: true})
  for (const [name, text] of Object.entries(LOGBACK_CONFIGS)) fs.writeFileSync(path.join(conf, name), text)
}

/** `--rocketmq-home DIR`: checks the distribution and records it as an engine (nothing is copied). */
function registerDistribution(home: string, java: InstallResult['java'], env: NodeJS.ProcessEnv, started: number): InstallResult {
  const dist = inspectDistribution(path.resolve(home))
  const dir = `${apacheInstallDir(dist.version, env)}-dist`
  fs.mkdirSync(dir, {recursive: true})
  writeManifest(dir, {
    engine: 'apache',
    version: dist.version,
    home: dist.home,
    source: 'rocketmq-home',
    jars: dist.jars,
    installedAt: new Date().toISOString(),
  })
  return {
    engine: 'apache',
    version: dist.version,
    action: 'registered',
    dir,
    home: dist.home,
    source: 'rocketmq-home',
    jars: dist.jars,
    java,
    seconds: secondsSince(started),
    resumed: false,
  }
}

function runMaven(env: NodeJS.ProcessEnv, args: string[], version: string): Promise<void> {
  const mvn = mavenExecutable(env)
  return new Promise((resolve, reject) => {
    const child = spawn(mvn, args, {env, stdio: ['ignore', 'pipe', 'pipe']})
    let output = ''
    const keep = (chunk: Buffer) => {
      output += chunk.toString('utf8')
      if (output.length > 200_000) output = output.slice(-100_000) // bounded: only the end matters
    }
    child.stdout.on('data', keep)
    child.stderr.on('data', keep)
    child.once('error', (err) =>
      reject(new MqlabError('MAVEN_NOT_FOUND', `cannot run ${mvn}: ${err.message}`, {suggestion: 'install Maven 3 (Debian: apt-get install maven)'})),
    )
    child.once('exit', (code) => {
      if (code === 0) return resolve()
      const failure = classifyMavenFailure(output)
      if (failure.kind === 'not-served') {
        reject(
          new MqlabError('ENGINE_VERSION_NOT_SERVED', `the Maven registry does not serve ${failure.artifact} (Apache RocketMQ ${version})`, {
            suggestion: `install a version it serves (mqlab engine install apache --version 4.9.7), or point --rocketmq-home at an unpacked ${version} distribution`,
            details: {artifact: failure.artifact, version},
          }),
        )
      } else if (failure.kind === 'unreachable') {
        reject(
          new MqlabError('REGISTRY_UNREACHABLE', `Maven could not reach its registry: ${failure.detail}`, {
            suggestion:
              'check the network or the proxy in ~/.m2/settings.xml, then run the install again (it starts over where it stopped; jars already in ~/.m2 are not fetched again)',
            details: {detail: failure.detail},
          }),
        )
      } else {
        reject(
          new MqlabError('ENGINE_INSTALL_FAILED', `Maven failed (exit ${code}): ${failure.detail}`, {
            suggestion: 'run the install again; mvn -X on the pom in the install folder shows more',
            details: {exitCode: code},
          }),
        )
      }
    })
  })
}

function secondsSince(started: number): number {
  return Math.round((Date.now() - started) / 100) / 10
}

export type {JavaRuntime}
