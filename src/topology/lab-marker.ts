/** mqlab.json: marks a folder as a lab and records how `mqlab init` made it. */
import type {LabPlan} from './lab-plan.js'

/** Contents of mqlab.json. conf/ stays the source of truth; this only says where the lab came from. */
export interface LabMarker {
  template: string
  namesrvCount: number
  flushDiskType: string
  clusterName: string
  hosts: string[]
  /** `init --port-offset` (absent when 0). */
  portOffset?: number
  createdAt: string
}

/** The marker for a plan. */
export function markerFor(plan: LabPlan, now: Date): LabMarker {
  return {
    template: plan.template,
    namesrvCount: plan.options.namesrvCount,
    flushDiskType: plan.options.flushDiskType,
    clusterName: plan.options.clusterName,
    hosts: plan.hosts,
    ...(plan.options.portOffset ? {portOffset: plan.options.portOffset} : {}),
    createdAt: now.toISOString(),
  }
}
