/**
 * `--engine` on init and up: the flag, and applying it to a lab (before writing, for init, so a bad
 * value writes nothing; on the existing lab, for up).
 */
import path from 'node:path'
import type {FlushDiskType} from '../../runtime/config/broker-config.js'
import {planLab} from '../topology/lab-plan.js'
import {findTemplate} from '../topology/template-catalogue.js'
import {resolveApacheEngine} from './engine-catalogue.js'
import {applyEngineFlags, EMBEDDED_ONLY, readLabEngines, usesApache, writeLabEngines, type LabEngines} from './lab-engines.js'

/** The engine record `--engine` values give a lab about to be written by init (throws before anything is written). */
export function planEngines(
  values: readonly string[],
  request: {template: string; dir: string; namesrv: number; flush: FlushDiskType; cluster: string; hosts: number},
): LabEngines {
  const spec = findTemplate(request.template)
  const plan = planLab(spec, {
    dir: path.resolve(request.dir),
    namesrvCount: request.namesrv,
    flushDiskType: request.flush,
    clusterName: request.cluster,
    hosts: request.hosts,
  })
  return withVersion(
    applyEngineFlags(
      EMBEDDED_ONLY,
      values,
      plan.nodes.map((n) => n.name),
    ),
  )
}

/** Applies `--engine` values to an existing lab and records them; returns the record. */
export function recordEngines(dir: string, values: readonly string[], nodes: readonly string[]): LabEngines {
  const next = withVersion(applyEngineFlags(readLabEngines(dir), values, nodes))
  writeLabEngines(dir, next)
  return next
}

/** Pins the Apache RocketMQ version when Java nodes are chosen and one is installed. */
function withVersion(engines: LabEngines): LabEngines {
  const all = [...Object.keys(engines.nodes)]
  if (engines.apacheVersion !== undefined || (engines.default !== 'apache' && !usesApache(engines, all))) return engines
  try {
    return {...engines, apacheVersion: resolveApacheEngine(undefined).version}
  } catch {
    return engines // not installed yet: up says so before starting anything
  }
}
