/** `mqlab init`: template + options → conf files on disk, then a validation pass over what was written. */
import path from 'node:path'
import type {FlushDiskType} from '../../runtime/config/broker-config.js'
import {MqlabError} from '../errors/mqlab-error.js'
import {planLab, type PlannedPort} from './lab-plan.js'
import {writeLab} from './lab-writer.js'
import {findTemplate} from './template-catalogue.js'
import type {TemplateSpec} from './template-spec.js'
import {validateLab, type ValidationResult} from './validate-lab.js'

/** Limits on init options (a lab on one machine). */
export const INIT_LIMITS = {namesrv: {min: 1, max: 9}, hosts: {min: 1, max: 32}, portOffset: {min: 0, max: 20_000}, groups: {min: 1, max: 8}} as const

/** What to create. */
export interface InitRequest {
  template: string
  dir: string
  namesrv: number
  flush: FlushDiskType
  cluster: string
  hosts: number
  force: boolean
  /** First host address (loopback only). */
  host?: string
  portOffset?: number
  /** Broker groups broker-a, broker-b, … instead of the template's (e.g. RocketMQ's DLedger quick start: two groups of three). */
  groups?: number
}

/** What was created. */
export interface InitResult {
  dir: string
  template: string
  hosts: string[]
  nodes: Array<{name: string; kind: string; file: string; host: string; ports: PlannedPort[]}>
  files: string[]
  removed: string[]
  validation: Pick<ValidationResult, 'valid' | 'errors' | 'warnings' | 'problems'>
}

/** Checks the request, writes the lab, validates it. Throws MqlabError on bad options or an existing lab. */
export function initLab(request: InitRequest, templates?: TemplateSpec[]): InitResult {
  const template = findTemplate(request.template, templates)
  if (request.groups !== undefined) checkRange('groups', request.groups, INIT_LIMITS.groups)
  const spec: TemplateSpec =
    request.groups === undefined ? template : {...template, groups: Array.from({length: request.groups}, (_, i) => `broker-${String.fromCharCode(97 + i)}`)}
  checkRange('namesrv', request.namesrv, INIT_LIMITS.namesrv)
  checkRange('hosts', request.hosts, INIT_LIMITS.hosts)
  if (request.portOffset !== undefined) checkRange('port-offset', request.portOffset, INIT_LIMITS.portOffset)
  if (request.host !== undefined) checkHost(request.host, request.hosts)
  // The cluster name becomes a topic when clusterTopicEnable is on, so it must be a valid topic name (TopicValidator).
  if (!/^[%|a-zA-Z0-9_-]{1,127}$/.test(request.cluster)) {
    throw new MqlabError('USAGE', `--cluster "${request.cluster}" is not a valid cluster name`, {
      suggestion: 'use letters, digits, - and _ (e.g. DefaultCluster)',
    })
  }
  const dir = path.resolve(request.dir)
  const plan = planLab(spec, {
    dir,
    namesrvCount: request.namesrv,
    flushDiskType: request.flush,
    clusterName: request.cluster,
    hosts: request.hosts,
    ...(request.host === undefined ? {} : {host: request.host}),
    ...(request.portOffset ? {portOffset: request.portOffset} : {}),
  })
  const written = writeLab(plan, {force: request.force})
  const validation = validateLab(dir)
  return {
    dir,
    template: spec.name,
    hosts: plan.hosts,
    nodes: plan.nodes.map((n) => ({name: n.name, kind: n.kind, file: `conf/${n.confFile}`, host: n.host, ports: n.ports})),
    files: written.files,
    removed: written.removed,
    validation: {valid: validation.valid, errors: validation.errors, warnings: validation.warnings, problems: validation.problems},
  }
}

/** --host: a loopback address (127.0.0.0/8) with room for every simulated host after it. */
function checkHost(host: string, hosts: number): void {
  const m = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host)
  const octets = m ? m.slice(1).map(Number) : []
  if (!m || octets.some((o) => o > 255) || octets[2]! === 0 || octets[2]! + hosts - 1 > 254) {
    throw new MqlabError('INVALID_ARGUMENT', `--host ${host} is not a usable loopback address${m ? ` for ${hosts} host${hosts === 1 ? '' : 's'}` : ''}`, {
      suggestion: 'give an address in 127.0.0.0/8 such as 127.0.0.5 (Linux routes all of it to loopback; on macOS: sudo ifconfig lo0 alias 127.0.0.5)',
    })
  }
}

function checkRange(flag: string, value: number, range: {min: number; max: number}): void {
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    throw new MqlabError('USAGE', `--${flag} ${value} is out of range`, {suggestion: `use a number from ${range.min} to ${range.max}`})
  }
}
