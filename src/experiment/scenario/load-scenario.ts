/**
 * Reading a scenario: a built-in name or a YAML/JSON file, checked against the published JSON Schema
 * (schemas/experiment-scenario.schema.json, with ajv) and then for what a schema cannot say (a known
 * template, durations that fit the run). Problems come back as a list with a path each.
 */
import fs from 'node:fs'
import path from 'node:path'
import {Ajv, type ErrorObject} from 'ajv'
import {parse as parseYaml} from 'yaml'
import {packageRoot} from '../../package-root.js'
import {findBuiltin} from './builtin-scenarios.js'
import {ACTIONS, actionOf, parseDuration, type Scenario} from './scenario.js'

/** One problem of a scenario. */
export interface ScenarioProblem {
  /** JSON pointer into the scenario ("/faults/1/at"), "" for the whole. */
  path: string
  message: string
}

export interface ScenarioCheck {
  source: string
  valid: boolean
  problems: ScenarioProblem[]
  scenario?: Scenario
}

/** Where the schema lives: <package>/schemas/ (found from the package root, also from the CLI bundle). */
export function schemaPath(): string {
  return path.join(packageRoot(), 'schemas', 'experiment-scenario.schema.json')
}

let compiled: ReturnType<Ajv['compile']> | undefined
function validator() {
  if (compiled === undefined) {
    const ajv = new Ajv({allErrors: true, strict: false})
    compiled = ajv.compile(JSON.parse(fs.readFileSync(schemaPath(), 'utf8')))
  }
  return compiled
}

function ajvProblems(errors: ErrorObject[] | null | undefined): ScenarioProblem[] {
  // oneOf branches produce one error per branch; keep the most specific ones (the deepest paths).
  const list = (errors ?? []).filter((e) => e.keyword !== 'oneOf' || (errors ?? []).every((o) => o === e || !o.instancePath.startsWith(e.instancePath)))
  const seen = new Set<string>()
  const out: ScenarioProblem[] = []
  for (const e of list) {
    // A step's "exactly one action" is a oneOf of required keys: one line instead of one per action.
    if (/^\/faults\/\d+$/.test(e.instancePath) && (e.keyword === 'oneOf' || (e.keyword === 'required' && /\/oneOf\/\d+\/required$/.test(e.schemaPath)))) {
      const key = `${e.instancePath}|one-action`
      if (!seen.has(key)) out.push({path: e.instancePath, message: `a fault step needs exactly one action (${ACTIONS.join(', ')})`})
      seen.add(key)
      continue
    }
    const extra = e.keyword === 'additionalProperties' ? `: ${(e.params as {additionalProperty: string}).additionalProperty}` : ''
    const message = `${e.message ?? 'invalid'}${extra}`
    const key = `${e.instancePath}|${message}`
    if (seen.has(key)) continue
    seen.add(key)
    out.push({path: e.instancePath, message})
  }
  return out
}

/** Checks a parsed scenario object. `templates`: the names the lab knows. */
export function checkScenario(data: unknown, source: string, templates: readonly string[]): ScenarioCheck {
  const validate = validator()
  if (!validate(data)) return {source, valid: false, problems: ajvProblems(validate.errors)}
  const s = data as Scenario
  const problems: ScenarioProblem[] = []
  for (const t of [s.template, ...(s.templates ?? []), ...Object.keys(s.checksByTemplate ?? {})]) {
    if (t !== undefined && !templates.includes(t)) problems.push({path: '/template', message: `unknown template "${t}" (known: ${templates.join(', ')})`})
  }
  const duration = s.duration === undefined ? 10_000 : parseDuration(s.duration)
  ;(s.faults ?? []).forEach((step, i) => {
    try {
      actionOf(step)
    } catch (err) {
      problems.push({path: `/faults/${i}`, message: (err as Error).message})
    }
    if (step.at !== 'drained') {
      const times = typeof step.at === 'object' ? step.at.between : [step.at]
      const ms = times.map((x) => parseDuration(x))
      if (ms.some((x) => x > duration))
        problems.push({path: `/faults/${i}/at`, message: `after the workload ends (${duration} ms); use at: drained for a step after the final read`})
      if (ms.length === 2 && ms[0]! > ms[1]!) problems.push({path: `/faults/${i}/at`, message: 'between: the first time is after the second'})
    }
    if ((step.delay !== undefined && step.ms === undefined) || (step.bandwidth !== undefined && step.kbps === undefined)) {
      problems.push({path: `/faults/${i}`, message: step.delay !== undefined ? 'delay needs ms' : 'bandwidth needs kbps'})
    }
  })
  if (s.workload?.rate !== undefined && s.workload.inflight !== undefined)
    problems.push({path: '/workload', message: 'give rate (open loop) or inflight (closed loop), not both'})
  return {source, valid: problems.length === 0, problems, scenario: problems.length === 0 ? s : undefined}
}

/** A built-in name or a file path → the checked scenario. */
export function loadScenario(nameOrFile: string, templates: readonly string[]): ScenarioCheck {
  const builtin = findBuiltin(nameOrFile)
  if (builtin !== undefined && !fs.existsSync(nameOrFile)) return checkScenario(structuredClone(builtin), `built-in ${nameOrFile}`, templates)
  let text: string
  try {
    text = fs.readFileSync(nameOrFile, 'utf8')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    return {
      source: nameOrFile,
      valid: false,
      problems: [{path: '', message: code === 'ENOENT' ? 'no built-in scenario and no file of that name' : `cannot read: ${(err as Error).message}`}],
    }
  }
  let data: unknown
  try {
    data = /\.json$/i.test(nameOrFile) ? JSON.parse(text) : parseYaml(text)
  } catch (err) {
    return {
      source: nameOrFile,
      valid: false,
      problems: [{path: '', message: `not valid ${/\.json$/i.test(nameOrFile) ? 'JSON' : 'YAML'}: ${(err as Error).message}`}],
    }
  }
  return checkScenario(data, nameOrFile, templates)
}
