/**
 * The engines installed on this machine (engine.json in each folder under $MQLAB_HOME/engines), an
 * unpacked distribution named by ROCKETMQ_HOME, and which one a lab's Java nodes run on.
 */
import fs from 'node:fs'
import path from 'node:path'
import {MqlabError} from '../errors/mqlab-error.js'
import {DEFAULT_APACHE_VERSION, ENGINE_MANIFEST, enginesDir, type EngineManifest} from './engine-home.js'

/** engine.json of an install folder, or undefined when the install is missing or unfinished. */
export function readManifest(dir: string): EngineManifest | undefined {
  try {
    const m = JSON.parse(fs.readFileSync(path.join(dir, ENGINE_MANIFEST), 'utf8')) as EngineManifest
    return m.engine === 'apache' && typeof m.version === 'string' && typeof m.home === 'string' ? m : undefined
  } catch {
    return undefined
  }
}

/** Writes engine.json through a temp file and rename: it is there whole or not at all. */
export function writeManifest(dir: string, manifest: EngineManifest): void {
  const file = path.join(dir, ENGINE_MANIFEST)
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(manifest, null, 2) + '\n')
  fs.renameSync(`${file}.tmp`, file)
}

/** An Apache RocketMQ distribution folder as RocketMQ's scripts expect it (lib/*.jar, conf/). */
export interface Distribution {
  home: string
  version: string
  jars: number
}

/** Checks `home` is an unpacked Apache RocketMQ 4.x distribution; ENGINE_NOT_INSTALLED otherwise. */
export function inspectDistribution(home: string): Distribution {
  let jars: string[]
  try {
    jars = fs.readdirSync(path.join(home, 'lib')).filter((f) => f.endsWith('.jar'))
  } catch {
    throw new MqlabError('ENGINE_NOT_INSTALLED', `${home} is not an Apache RocketMQ distribution (no lib/ folder)`, {
      suggestion: 'point it at the folder an official rocketmq-all-4.9.x-bin-release.zip unpacks to (it holds bin/, conf/, lib/)',
    })
  }
  const broker = jars.map((j) => /^rocketmq-broker-(.+)\.jar$/.exec(j)).find((m) => m !== null)
  if (!broker || !jars.some((j) => j.startsWith('rocketmq-namesrv-'))) {
    throw new MqlabError('ENGINE_NOT_INSTALLED', `${home}/lib holds no rocketmq-broker and rocketmq-namesrv jars`, {
      suggestion: 'point it at an unpacked Apache RocketMQ 4.x distribution',
    })
  }
  const missing = ['logback_namesrv.xml', 'logback_broker.xml'].filter((f) => !fs.existsSync(path.join(home, 'conf', f)))
  if (missing.length > 0) {
    throw new MqlabError('ENGINE_NOT_INSTALLED', `${home}/conf lacks ${missing.join(', ')}: RocketMQ's startup classes load them`, {
      suggestion: 'use a complete distribution, or mqlab engine install apache',
    })
  }
  return {home, version: broker[1]!, jars: jars.length}
}

/** One entry of `mqlab engine list`. */
export interface EngineEntry {
  engine: 'embedded' | 'apache'
  version: string
  /** ROCKETMQ_HOME it runs with (apache). */
  home: string | null
  source: 'built-in' | 'maven' | 'rocketmq-home' | 'ROCKETMQ_HOME'
  /** Install folder (apache). */
  dir: string | null
  jars: number | null
  installedAt: string | null
  /** An install folder without engine.json. */
  state: 'ready' | 'half-finished'
}

/** Every engine: the embedded runtime, each install under $MQLAB_HOME/engines, and ROCKETMQ_HOME when set. */
export function listEngines(env: NodeJS.ProcessEnv = process.env, embeddedVersion = 'runtime'): EngineEntry[] {
  const out: EngineEntry[] = [
    {engine: 'embedded', version: embeddedVersion, home: null, source: 'built-in', dir: null, jars: null, installedAt: null, state: 'ready'},
  ]
  const root = enginesDir(env)
  let names: string[] = []
  try {
    names = fs
      .readdirSync(root)
      .filter((n) => n.startsWith('apache-'))
      .sort()
  } catch {
    // nothing installed yet
  }
  for (const name of names) {
    const dir = path.join(root, name)
    const m = readManifest(dir)
    if (m) out.push({engine: 'apache', version: m.version, home: m.home, source: m.source, dir, jars: m.jars, installedAt: m.installedAt, state: 'ready'})
    else
      out.push({
        engine: 'apache',
        version: name.replace(/^apache-/, '').replace(/-dist$/, ''),
        home: null,
        source: 'maven',
        dir,
        jars: null,
        installedAt: null,
        state: 'half-finished',
      })
  }
  const envHome = env.ROCKETMQ_HOME
  if (envHome !== undefined && envHome !== '') {
    try {
      const d = inspectDistribution(path.resolve(envHome))
      out.push({engine: 'apache', version: d.version, home: d.home, source: 'ROCKETMQ_HOME', dir: null, jars: d.jars, installedAt: null, state: 'ready'})
    } catch {
      // not a distribution: resolveApacheEngine says so when a lab needs it
    }
  }
  return out
}

/** The engine a lab's Java nodes run on. */
export interface ApacheEngine {
  version: string
  /** ROCKETMQ_HOME for the JVM. */
  home: string
  source: EngineEntry['source']
}

/**
 * Which Apache RocketMQ to run: ROCKETMQ_HOME when set (as RocketMQ's own scripts do), else the install
 * of `version` (the one the lab recorded), else the newest ready install. ENGINE_NOT_INSTALLED otherwise.
 */
export function resolveApacheEngine(version: string | undefined, env: NodeJS.ProcessEnv = process.env): ApacheEngine {
  const envHome = env.ROCKETMQ_HOME
  if (envHome !== undefined && envHome !== '') {
    const d = inspectDistribution(path.resolve(envHome))
    return {version: d.version, home: d.home, source: 'ROCKETMQ_HOME'}
  }
  const ready = listEngines(env).filter((e) => e.engine === 'apache' && e.state === 'ready' && e.home !== null)
  const pick =
    (version === undefined ? undefined : ready.find((e) => e.version === version)) ?? [...ready].sort((a, b) => compareVersions(b.version, a.version))[0]
  if (!pick) {
    throw new MqlabError(
      'ENGINE_NOT_INSTALLED',
      `Apache RocketMQ${version ? ` ${version}` : ''} is not installed (looked in ${enginesDir(env)}, ROCKETMQ_HOME unset)`,
      {
        suggestion: `mqlab engine install apache${version ? ` --version ${version}` : ''}   (or set ROCKETMQ_HOME to an unpacked distribution)`,
        details: {version: version ?? DEFAULT_APACHE_VERSION, enginesDir: enginesDir(env)},
      },
    )
  }
  return {version: pick.version, home: pick.home!, source: pick.source}
}

/** Compares dotted versions numerically (4.9.10 > 4.9.8). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((x) => parseInt(x, 10) || 0)
  const pb = b.split('.').map((x) => parseInt(x, 10) || 0)
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0)
    if (d !== 0) return d
  }
  return 0
}
