import {formatProblem, type ConfigProblem} from './config-problem.js'

export type {ConfigProblem, Severity} from './config-problem.js'

/**
 * A configuration file a node cannot start with. The message holds one line per problem
 * (`conf/broker-a.properties:7: listenport: unknown key (did you mean listenPort?)`), errors first, by line.
 */
export class ConfigError extends Error {
  readonly problems: ConfigProblem[]

  constructor(problems: ConfigProblem[]) {
    const ordered = [...problems].sort((a, b) => rank(a) - rank(b) || (a.line ?? 0) - (b.line ?? 0))
    super(ordered.map((p) => formatProblem(p) + (p.severity === 'warning' ? ' (warning)' : '')).join('\n'))
    this.name = 'ConfigError'
    this.problems = ordered
  }
}

function rank(p: ConfigProblem): number {
  return p.severity === 'error' ? 0 : 1
}
