/** How bad a problem is: an error stops a node from starting (and fails `mqlab validate`); a warning does not. */
export type Severity = 'error' | 'warning'

/**
 * One thing wrong with a configuration, as data. Rules return these; `mqlab validate` renders them as a
 * table or JSON, and the runtime loaders throw them inside a ConfigError.
 */
export interface ConfigProblem {
  severity: Severity
  /** Stable rule id, e.g. `unknown-key`, `port-overlap`; tests and scripts match on it. */
  rule: string
  /** The file as the user knows it (`conf/broker-a.properties`, or the path given to `-c`). */
  file: string
  /** 1-based line of the key in the file, when the problem is about a line. */
  line?: number
  key?: string
  message: string
  /** What to change to make the problem go away. */
  fix?: string
}

/** Renders `file:line: key: message` — the one-line form shared by ConfigError and `mqlab validate`. */
export function formatProblem(p: ConfigProblem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}`
  const key = p.key === undefined ? '' : `${p.key}: `
  return `${where}: ${key}${p.message}`
}

/** True when any problem is an error. */
export function hasErrors(problems: readonly ConfigProblem[]): boolean {
  return problems.some((p) => p.severity === 'error')
}
