/** `mqlab validate`: reads a lab and runs every per-file and topology rule. */
import type {ConfigProblem} from '../../runtime/config/config-problem.js'
import type {LabSnapshot} from './lab-model.js'
import {readLab} from './lab-reader.js'
import {dledgerRules} from './rules/dledger-rules.js'
import {namesrvRules} from './rules/namesrv-rules.js'
import {portRules} from './rules/port-rules.js'
import {roleRules} from './rules/role-rules.js'
import {storeRules} from './rules/store-rules.js'
import type {TopologyRule} from './rules/topology-rule.js'

/** The topology rules, in report order. */
export const topologyRules: readonly TopologyRule[] = [portRules, storeRules, roleRules, namesrvRules, dledgerRules]

/** A problem as `mqlab validate --json` prints it: every field present (line/key/fix null when unknown). */
export interface ReportedProblem {
  severity: 'error' | 'warning'
  rule: string
  file: string
  line: number | null
  key: string | null
  message: string
  fix: string | null
}

/** The result of validating a lab. */
export interface ValidationResult {
  dir: string
  /** True when there are no errors (warnings allowed). */
  valid: boolean
  errors: number
  warnings: number
  nodes: Array<{name: string; kind: string; file: string}>
  problems: ReportedProblem[]
}

/** Runs the topology rules over a snapshot (pure). */
export function checkTopology(lab: LabSnapshot, rules: readonly TopologyRule[] = topologyRules): ConfigProblem[] {
  return rules.flatMap((r) => r.check(lab))
}

/** Validates the lab at `dir`; throws LAB_NOT_FOUND / LAB_UNREADABLE when there is no lab to read. */
export function validateLab(dir: string): ValidationResult {
  const lab = readLab(dir)
  return summarize(lab, [...lab.problems, ...checkTopology(lab)])
}

/** Orders problems (errors first, then file and line) and counts them. */
export function summarize(lab: LabSnapshot, problems: ConfigProblem[]): ValidationResult {
  const ordered = [...problems].sort((a, b) => sev(a) - sev(b) || a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0))
  const errors = ordered.filter((p) => p.severity === 'error').length
  return {
    dir: lab.dir,
    valid: errors === 0,
    errors,
    warnings: ordered.length - errors,
    nodes: lab.nodes.map((n) => ({name: n.name, kind: n.kind, file: n.file})),
    problems: ordered.map((p) => ({
      severity: p.severity,
      rule: p.rule,
      file: p.file,
      line: p.line ?? null,
      key: p.key ?? null,
      message: p.message,
      fix: p.fix ?? null,
    })),
  }
}

function sev(p: ConfigProblem): number {
  return p.severity === 'error' ? 0 : 1
}
