/**
 * `mqlab up`: validate, check every port, then start name servers, masters, then slaves and DLedger
 * members — the nodes of one step in parallel, each step waiting for wire readiness. Idempotent: live
 * nodes are left alone, crashed ones are reported and started again. All or nothing: when a node
 * fails, or the user presses Ctrl-C (`signal`), the nodes this run started are stopped again.
 */
import {MqlabError} from '../errors/mqlab-error.js'
import {inspectTarget} from '../topology/lab-writer.js'
import type {ValidationResult} from '../topology/validate-lab.js'
import type {LabContext} from './lab-context.js'
import {startSteps, type LabNodeSpec} from './lab-node-spec.js'
import {collectStatus, type StatusResult} from './lab-status.js'
import {isLive} from './node-state.js'
import {findPortConflicts} from './port-check.js'
import {portInUse} from './lab-errors.js'
import type {CrashReport, StartOutcome} from './supervisor-outcomes.js'

/** Progress events, for listr2 on a terminal. */
export type UpEvent =
  | {type: 'step'; step: number; title: string; nodes: string[]}
  | {type: 'node'; node: string; phase: 'starting' | 'ready' | 'skipped' | 'failed' | 'rolled-back'; detail?: string}

/** The result of `mqlab up`. */
export interface UpResult extends StatusResult {
  /** Set when `up` created the lab first (a folder with no lab). */
  created: {template: string; files: string[]} | null
  validation: {errors: number; warnings: number}
  started: StartOutcome[]
  alreadyRunning: string[]
  /** Nodes found crashed before this run (started again now). */
  previouslyCrashed: CrashReport[]
  /** From the first spawn to the last node ready. */
  elapsedMs: number
}

/** What runUp needs besides the lab. */
export interface UpOptions {
  signal?: AbortSignal
  onEvent?: (event: UpEvent) => void
}

/** Validates the lab, throwing VALIDATION_FAILED (details.validation: the report `validate` prints) on errors. */
export function requireValid(validation: ValidationResult): void {
  if (validation.valid) return
  throw new MqlabError('VALIDATION_FAILED', `${validation.errors} error${validation.errors === 1 ? '' : 's'} in ${validation.dir}; nothing was started`, {
    suggestion: 'fix the lines listed, then run mqlab up again (mqlab validate checks without starting)',
    details: {validation},
  })
}

/** True when `dir` holds no lab yet and one may be created there (missing or empty folder). */
export function needsDefaultLab(dir: string): boolean {
  const state = inspectTarget(dir)
  return state === 'missing' || state === 'empty'
}

/** Starts every node that is not live. The context's snapshot must be valid (see requireValid). */
export async function runUp(ctx: LabContext, options: UpOptions = {}): Promise<Omit<UpResult, 'created' | 'validation'>> {
  const supervisor = ctx.supervisor
  const clock = ctx.deps.clock
  const emit = options.onEvent ?? (() => undefined)
  const previouslyCrashed: CrashReport[] = []
  const alreadyRunning: string[] = []
  const toStart: LabNodeSpec[] = []
  for (const spec of ctx.specs) {
    const status = supervisor.status(spec.name)
    if (isLive(status.state)) alreadyRunning.push(spec.name)
    else {
      if (status.state === 'crashed') previouslyCrashed.push(supervisor.crashReport(spec.name, status))
      toStart.push(spec)
    }
  }
  const conflicts = await findPortConflicts(toStart, ctx.deps.ports)
  if (conflicts.length > 0) throw portInUse(conflicts)

  const began = clock.now()
  const startedNow: string[] = []
  const started: StartOutcome[] = []
  try {
    for (const step of startSteps(ctx.specs)) {
      emit({type: 'step', step: step.step, title: step.title, nodes: step.nodes.map((n) => n.name)})
      const stepAbort = new AbortController()
      const onOuterAbort = () => stepAbort.abort(options.signal?.reason)
      options.signal?.addEventListener('abort', onOuterAbort, {once: true})
      if (options.signal?.aborted) onOuterAbort()
      try {
        const results = await Promise.allSettled(
          step.nodes.map(async (spec) => {
            if (alreadyRunning.includes(spec.name)) {
              emit({type: 'node', node: spec.name, phase: 'skipped', detail: 'already running'})
              return undefined
            }
            emit({type: 'node', node: spec.name, phase: 'starting'})
            try {
              const outcome = await supervisor.start(spec, {signal: stepAbort.signal, onSpawned: () => startedNow.push(spec.name)})
              emit({type: 'node', node: spec.name, phase: 'ready', detail: outcome.note})
              return outcome
            } catch (err) {
              emit({type: 'node', node: spec.name, phase: 'failed', detail: err instanceof Error ? err.message : String(err)})
              // One failure ends the step: the others stop waiting and are rolled back below.
              if (!stepAbort.signal.aborted) stepAbort.abort(new MqlabError('INTERRUPTED', `${spec.name} failed`))
              throw err
            }
          }),
        )
        for (const r of results) if (r.status === 'fulfilled' && r.value) started.push(r.value)
        const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')
        if (failure) throw options.signal?.aborted ? (options.signal.reason ?? failure.reason) : firstCause(results)
      } finally {
        options.signal?.removeEventListener('abort', onOuterAbort)
      }
    }
  } catch (err) {
    await rollBack(ctx, startedNow, emit)
    throw err instanceof MqlabError && err.code === 'INTERRUPTED'
      ? new MqlabError(
          'INTERRUPTED',
          `interrupted: the ${startedNow.length} node${startedNow.length === 1 ? '' : 's'} this run started ${startedNow.length === 1 ? 'was' : 'were'} stopped again`,
          {
            suggestion: 'run mqlab up again when ready',
            details: {stopped: startedNow},
          },
        )
      : err
  }
  const elapsedMs = clock.now() - began
  const status = await collectStatus(ctx)
  return {...status, started, alreadyRunning, previouslyCrashed, elapsedMs}
}

/** The error that started a failed step: the first one not caused by aborting the others. */
function firstCause(results: Array<PromiseSettledResult<unknown>>): unknown {
  const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason)
  return failures.find((e) => !(e instanceof MqlabError && e.code === 'INTERRUPTED')) ?? failures[0]
}

/** Stops what this run started, newest first. */
async function rollBack(ctx: LabContext, started: string[], emit: (e: UpEvent) => void): Promise<void> {
  for (const node of [...started].reverse()) {
    await ctx.supervisor.stop(node).catch(() => undefined)
    emit({type: 'node', node, phase: 'rolled-back'})
  }
}

/** The commands to suggest after `up`, with --dir when it is not the default. */
export function whatToTryNext(dirFlag: string | undefined): string[] {
  const dir = dirFlag === undefined || dirFlag === 'mqlab' ? '' : ` --dir ${dirFlag}`
  return [
    `mqlab send --topic TopicTest --count 100${dir}`,
    `mqlab consume --topic TopicTest --count 100${dir}`,
    `mqlab kill broker-a-master${dir}    # a crash; then mqlab status${dir}`,
    `mqlab cluster${dir}`,
    `mqlab down${dir}`,
  ]
}
