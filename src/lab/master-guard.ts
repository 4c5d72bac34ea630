/**
 * `mqlab start` / `restart` of a classic master: refuses (MASTER_CONFLICT) when it would become a second
 * master of its group (see master-conflict.ts), reading the group's conf files for promotion notes and
 * the nodes' states through the supervisor.
 */
import fs from 'node:fs'
import type {LabContext} from './lab-context.js'
import type {LabNodeSpec} from './lab-node-spec.js'
import {findMasterConflict, masterConflictError} from './master-conflict.js'
import {isLive} from './node-state.js'
import {parsePromotionNotes, type PromotionNote} from '../topology/promotion-note.js'

/** Throws MASTER_CONFLICT when starting `spec` would give its group a second master. */
export function assertNoSecondMaster(ctx: Pick<LabContext, 'specs' | 'supervisor'>, spec: LabNodeSpec): void {
  if (spec.kind !== 'broker' || spec.brokerName === undefined || (spec.fileRole !== 'ASYNC_MASTER' && spec.fileRole !== 'SYNC_MASTER')) return
  const group = ctx.specs.filter((s) => s.brokerName === spec.brokerName && s.kind === 'broker')
  const live = new Set(group.filter((s) => s.name !== spec.name && isLive(ctx.supervisor.status(s.name).state)).map((s) => s.name))
  const notes = new Map<string, PromotionNote[]>(group.map((s) => [s.name, readNotes(s.confPath)]))
  const conflict = findMasterConflict(spec, ctx.specs, live, notes)
  if (conflict !== undefined) throw masterConflictError(conflict, ctx.specs, spec)
}

function readNotes(file: string): PromotionNote[] {
  try {
    return parsePromotionNotes(fs.readFileSync(file, 'latin1'))
  } catch {
    return [] // an unreadable file is reported by validate; it records no promotion
  }
}
