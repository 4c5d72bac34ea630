/**
 * Which engine runs each node of a lab, recorded in mqlab.json under `engine`:
 * `{"default": "apache", "nodes": {"broker-a-slave": "embedded"}, "apacheVersion": "4.9.7"}`.
 * A lab without the key runs everything on the embedded runtime. conf/ stays the source of truth for
 * the topology; this only says what runs each file.
 */
import fs from 'node:fs'
import {MqlabError} from '../errors/mqlab-error.js'
import {labPaths} from '../topology/lab-paths.js'
import {ENGINE_NAMES, type EngineName} from './engine-home.js'

/** The engine record of a lab. */
export interface LabEngines {
  default: EngineName
  /** Per-node exceptions to the default. */
  nodes: Record<string, EngineName>
  /** The Apache RocketMQ version the lab's Java nodes run (unset: the newest installed). */
  apacheVersion?: string
}

export const EMBEDDED_ONLY: LabEngines = {default: 'embedded', nodes: {}}

/** The engine that runs `node`. */
export function engineOf(engines: LabEngines, node: string): EngineName {
  return engines.nodes[node] ?? engines.default
}

/** True when any of `nodes` runs on Apache RocketMQ. */
export function usesApache(engines: LabEngines, nodes: readonly string[]): boolean {
  return nodes.some((n) => engineOf(engines, n) === 'apache')
}

function isEngine(value: string): value is EngineName {
  return (ENGINE_NAMES as readonly string[]).includes(value)
}

/**
 * Applies `--engine` values (pure): `apache` / `embedded` set the default, `NODE=ENGINE` one node.
 * UNKNOWN_ENGINE for another engine name, UNKNOWN_NODE for a node the lab does not have.
 */
export function applyEngineFlags(current: LabEngines, values: readonly string[], labNodes: readonly string[]): LabEngines {
  const next: LabEngines = {...current, nodes: {...current.nodes}}
  for (const raw of values) {
    const value = raw.trim()
    const eq = value.indexOf('=')
    const engine = eq < 0 ? value : value.slice(eq + 1).trim()
    if (!isEngine(engine)) {
      throw new MqlabError('UNKNOWN_ENGINE', `unknown engine "${engine}" in --engine ${raw}: the engines are ${ENGINE_NAMES.join(', ')}`, {
        suggestion: '--engine apache, or per node --engine broker-a-slave=apache',
      })
    }
    if (eq < 0) {
      next.default = engine
      next.nodes = {} // a new default replaces earlier per-node choices given before it
      continue
    }
    const node = value.slice(0, eq).trim()
    if (!labNodes.includes(node)) {
      throw new MqlabError('UNKNOWN_NODE', `--engine ${raw}: the lab has no node "${node}"`, {
        suggestion: `nodes: ${labNodes.join(', ')}`,
        details: {node, nodes: [...labNodes]},
      })
    }
    next.nodes[node] = engine
  }
  // Per-node entries equal to the default say nothing.
  for (const [n, e] of Object.entries(next.nodes)) if (e === next.default) delete next.nodes[n]
  return next
}

/** The lab's engine record (embedded only when mqlab.json has none or cannot be read). */
export function readLabEngines(dir: string): LabEngines {
  let marker: Record<string, unknown>
  try {
    marker = JSON.parse(fs.readFileSync(labPaths(dir).marker, 'utf8')) as Record<string, unknown>
  } catch {
    return EMBEDDED_ONLY
  }
  const e = marker.engine as Partial<LabEngines> | undefined
  if (!e || typeof e !== 'object') return EMBEDDED_ONLY
  const nodes: Record<string, EngineName> = {}
  for (const [n, v] of Object.entries(e.nodes ?? {})) if (typeof v === 'string' && isEngine(v)) nodes[n] = v
  return {
    default: typeof e.default === 'string' && isEngine(e.default) ? e.default : 'embedded',
    nodes,
    ...(typeof e.apacheVersion === 'string' ? {apacheVersion: e.apacheVersion} : {}),
  }
}

/** Writes the engine record into mqlab.json, keeping every other key. */
export function writeLabEngines(dir: string, engines: LabEngines): void {
  const file = labPaths(dir).marker
  let marker: Record<string, unknown> = {}
  try {
    marker = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>
  } catch {
    // no marker yet (a lab folder made by hand): start one
  }
  marker.engine = engines
  try {
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(marker, null, 2) + '\n')
    fs.renameSync(`${file}.tmp`, file)
  } catch (err) {
    throw new MqlabError('WRITE_FAILED', `cannot write ${file}: ${(err as Error).message}`, {suggestion: 'check the folder permissions'})
  }
}

/** A one-line description: "apache", "embedded; broker-a-slave on apache". */
export function describeEngines(engines: LabEngines): string {
  const exceptions = Object.entries(engines.nodes).map(([n, e]) => `${n} on ${e}`)
  return [engines.default + (engines.apacheVersion && engines.default === 'apache' ? ` ${engines.apacheVersion}` : ''), ...exceptions].join('; ')
}
