/** Helpers shared by the kill predictions (kill-prediction.ts, master-kill-prediction.ts). */
import type {KillPredictionInput} from './kill-prediction.js'
import type {LabNodeSpec} from './lab-node-spec.js'

/** Groups that still have a live master: a classic master, or a DLedger group with a live majority. */
export function writableGroups(input: KillPredictionInput): string[] {
  const groups = new Set<string>()
  const byGroup = new Map<string, LabNodeSpec[]>()
  for (const s of input.specs) if (s.kind === 'broker' && s.brokerName !== undefined) byGroup.set(s.brokerName, [...(byGroup.get(s.brokerName) ?? []), s])
  for (const [group, members] of byGroup) {
    const dledger = members.filter((m) => m.fileRole === 'DLEDGER')
    if (dledger.length > 0) {
      if (dledger.filter((m) => input.live.has(m.name)).length >= Math.floor(dledger.length / 2) + 1) groups.add(group)
    } else if (members.some((m) => (m.fileRole === 'ASYNC_MASTER' || m.fileRole === 'SYNC_MASTER') && input.live.has(m.name))) {
      groups.add(group)
    }
  }
  return [...groups].sort()
}

export function groupMembers(input: KillPredictionInput, group: string): LabNodeSpec[] {
  return input.specs.filter((s) => s.kind === 'broker' && s.brokerName === group)
}

export function list(names: readonly string[]): string {
  if (names.length <= 1) return names.join('')
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
}
