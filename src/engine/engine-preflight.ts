/**
 * Before `mqlab up` starts anything: records `--engine`, checks the engine-aware rules, and, when any
 * node runs on Apache RocketMQ, that the engine is installed and Java runs (ENGINE_NOT_INSTALLED,
 * JAVA_NOT_FOUND, JAVA_TOO_OLD), so a lab never comes up half on a missing engine.
 */
import type {ConfigProblem} from '../../runtime/config/config-problem.js'
import type {LabSnapshot} from '../topology/lab-model.js'
import {resolveApacheEngine} from './engine-catalogue.js'
import {recordEngines} from './engine-flags.js'
import {engineProblems} from './engine-rules.js'
import {findJava} from './java-runtime.js'
import {describeEngines, readLabEngines, usesApache, type LabEngines} from './lab-engines.js'

/** What up reports about engines (null when everything is embedded). */
export interface UpEngineSummary {
  engines: LabEngines
  description: string
  apache: {version: string; home: string; java: string} | null
}

export async function prepareLabEngines(
  lab: LabSnapshot,
  flagValues: readonly string[] | undefined,
  log: (line: string) => unknown,
): Promise<{problems: ConfigProblem[]; summary: UpEngineSummary | null}> {
  const names = lab.nodes.map((n) => n.name)
  const engines = flagValues === undefined ? readLabEngines(lab.dir) : recordEngines(lab.dir, flagValues, names)
  const problems = engineProblems(lab, engines)
  if (!usesApache(engines, names)) return {problems, summary: flagValues === undefined ? null : {engines, description: describeEngines(engines), apache: null}}
  const engine = resolveApacheEngine(engines.apacheVersion)
  const java = findJava()
  const summary = {engines, description: describeEngines(engines), apache: {version: engine.version, home: engine.home, java: `${java.java} ${java.version}`}}
  log(`Engine: ${summary.description}; Apache RocketMQ ${engine.version} from ${engine.home} on Java ${java.version}`)
  return {problems, summary}
}
