/**
 * Keeps a group from silently getting a second master. After `mqlab promote broker-a-slave`, both
 * conf/broker-a.properties and conf/broker-a-s.properties say brokerId 0; the name server would then
 * keep whichever registered last (RouteInfoManager replaces the brokerId 0 address), and producers
 * would write to two stores that never meet. RocketMQ itself does nothing about it; the lab refuses to
 * start a classic master when (pure, from the specs, live nodes and promotion notes):
 * - another master of its brokerName is live; or
 * - another master of its brokerName was promoted after it (`mqlab promote` notes in the conf files); or
 * - another file also makes a master of its brokerName and no note says which is newer
 *   (`mqlab validate` reports the same as master-duplicate).
 */
import {MqlabError} from '../errors/mqlab-error.js'
import type {LabNodeSpec} from './lab-node-spec.js'
import {latestPromotion, type PromotionNote} from '../topology/promotion-note.js'

/** Why a master may not start. */
export interface MasterConflict {
  node: string
  brokerName: string
  /** The other master of the group. */
  other: string
  otherFile: string
  reason: 'other-live' | 'superseded' | 'both-claim'
  /** The promotion that superseded `node` (reason 'superseded'). */
  promotion?: PromotionNote
}

function isClassicMaster(s: LabNodeSpec): boolean {
  return s.kind === 'broker' && (s.fileRole === 'ASYNC_MASTER' || s.fileRole === 'SYNC_MASTER')
}

/** The conflict that starting `target` would create, if any. `notes`: each node's promotion notes. */
export function findMasterConflict(
  target: LabNodeSpec,
  specs: readonly LabNodeSpec[],
  live: ReadonlySet<string>,
  notes: ReadonlyMap<string, readonly PromotionNote[]>,
): MasterConflict | undefined {
  if (!isClassicMaster(target) || target.brokerName === undefined) return undefined
  const group = target.brokerName
  const others = specs.filter((s) => s.name !== target.name && s.brokerName === group && isClassicMaster(s))
  const mine = latestPromotion(notes.get(target.name) ?? [], target.name, group)
  for (const other of others) {
    const base = {node: target.name, brokerName: group, other: other.name, otherFile: other.file}
    const theirs = latestPromotion(notes.get(other.name) ?? [], other.name, group)
    if (theirs !== undefined && (mine === undefined || mine.at < theirs.at)) return {...base, reason: 'superseded', promotion: theirs}
    if (live.has(other.name)) return {...base, reason: 'other-live'}
    if (theirs === undefined && mine === undefined) return {...base, reason: 'both-claim'}
  }
  return undefined
}

/** The brokerId a former master should take as a slave of its group: one above every id in use. */
export function nextSlaveId(specs: readonly LabNodeSpec[], brokerName: string): number {
  return Math.max(0, ...specs.filter((s) => s.brokerName === brokerName).map((s) => s.brokerId ?? 0)) + 1
}

/** The MASTER_CONFLICT error for a conflict, with what to do about it. */
export function masterConflictError(conflict: MasterConflict, specs: readonly LabNodeSpec[], target: LabNodeSpec): MqlabError {
  const {node, brokerName, other, otherFile} = conflict
  const id = nextSlaveId(specs, brokerName)
  const storeHint = target.storeDir
    ? ` If its store holds messages ${other} never got (likely for a former master), the new master's data and its own have diverged and it will refuse to replicate: move ${target.storeDir} aside first.`
    : ''
  const demote = `make ${node} a slave of ${other}: in ${target.file} set brokerId=${id} and brokerRole=SLAVE, then mqlab start ${node}.${storeHint}`
  const message = {
    'other-live': `${brokerName} already has a live master, ${other} (${otherFile}); starting ${node} would make a second master of ${brokerName}`,
    superseded: `${other} was promoted to master of ${brokerName} (mqlab promote, ${conflict.promotion?.at}); ${node} would come back as a second master of ${brokerName}`,
    'both-claim': `${target.file} and ${otherFile} both make a master of ${brokerName} (brokerId 0); mqlab validate reports it as master-duplicate`,
  }[conflict.reason]
  return new MqlabError('MASTER_CONFLICT', message, {
    suggestion: conflict.reason === 'both-claim' ? `keep one master: ${demote}` : demote,
    details: {...conflict, suggestedBrokerId: id},
  })
}
