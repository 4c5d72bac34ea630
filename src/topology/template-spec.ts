/** A topology template as stored in templates/<name>/template.json. */
import {MqlabError} from '../errors/mqlab-error.js'

/** Fields every template has. */
interface TemplateBase {
  name: string
  /** One line for `mqlab templates`. */
  summary: string
  /** Position in listings. */
  order: number
  /** brokerName of each broker group. */
  groups: string[]
  /** The template `mqlab init` uses when none is named and there is no terminal to ask. */
  default?: boolean
}

/** Classic master/slave groups (RocketMQ's 2m-2s-* sample confs). */
export interface MasterSlaveTemplate extends TemplateBase {
  mode: 'master-slave'
  masterRole: 'ASYNC_MASTER' | 'SYNC_MASTER'
  slavesPerGroup: number
}

/** DLedger groups: raft members elect the master (RocketMQ's conf/dledger samples). */
export interface DLedgerTemplate extends TemplateBase {
  mode: 'dledger'
  peersPerGroup: number
}

/** Any template. */
export type TemplateSpec = MasterSlaveTemplate | DLedgerTemplate

/** Checks a parsed template.json; throws BAD_TEMPLATE naming the file when it is not a template. */
export function parseTemplateSpec(json: unknown, source: string): TemplateSpec {
  const bad = (why: string) => new MqlabError('BAD_TEMPLATE', `${source}: ${why}`, {suggestion: 'reinstall mqlab, or fix the template file'})
  if (typeof json !== 'object' || json === null) throw bad('not a JSON object')
  const o = json as Record<string, unknown>
  const str = (k: string) => {
    if (typeof o[k] !== 'string' || o[k] === '') throw bad(`"${k}" must be a non-empty string`)
    return o[k] as string
  }
  const int = (k: string, min: number) => {
    const v = o[k]
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw bad(`"${k}" must be an integer >= ${min}`)
    return v
  }
  const groups = o.groups
  if (!Array.isArray(groups) || groups.length === 0 || !groups.every((g) => typeof g === 'string' && /^[A-Za-z0-9_-]+$/.test(g))) {
    throw bad('"groups" must list broker names')
  }
  const base = {name: str('name'), summary: str('summary'), order: int('order', 0), groups: groups as string[], default: o.default === true}
  if (o.mode === 'master-slave') {
    const masterRole = str('masterRole')
    if (masterRole !== 'ASYNC_MASTER' && masterRole !== 'SYNC_MASTER') throw bad('"masterRole" must be ASYNC_MASTER or SYNC_MASTER')
    return {...base, mode: 'master-slave', masterRole, slavesPerGroup: int('slavesPerGroup', 0)}
  }
  if (o.mode === 'dledger') return {...base, mode: 'dledger', peersPerGroup: int('peersPerGroup', 1)}
  throw bad('"mode" must be master-slave or dledger')
}
