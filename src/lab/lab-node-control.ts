/**
 * The one-node commands: start, stop, restart, kill, pause, resume. Each resolves the NODE argument
 * (suggesting the nearest name), acts through the supervisor, and reports any other node found
 * crashed on the way (the next command that looks says so).
 */
import type {LabContext} from './lab-context.js'
import type {LabNodeSpec} from './lab-node-spec.js'
import {assertNoSecondMaster} from './master-guard.js'
import {assertNodeFileValid} from './node-file-check.js'
import {resolveNode} from './node-lookup.js'
import {isLive, type NodeState} from './node-state.js'
import type {CrashReport, SignalOutcome, StartOutcome, StopOutcome} from './supervisor-outcomes.js'

/** What a one-node command did. */
export interface NodeActionResult {
  node: string
  action: 'start' | 'stop' | 'restart' | 'kill' | 'pause' | 'resume'
  /** The node's state afterwards. */
  state: NodeState
  pid: number | null
  start?: StartOutcome
  stop?: StopOutcome
  signal?: SignalOutcome
  /** Other nodes of the lab that are crashed. */
  otherCrashes: CrashReport[]
}

/** Resolves NODE (an exact name or a DLedger group's `-master`). */
export function resolveArg(ctx: LabContext, input: string): Promise<LabNodeSpec> {
  const liveNamesrvs = ctx.specs.filter((s) => s.kind === 'namesrv' && ctx.supervisor.status(s.name).state === 'running')
  return resolveNode(ctx.specs, input, ctx.deps.wire, {liveNamesrvs, timeoutMs: ctx.supervisor.timings.probeTimeoutMs})
}

/** `mqlab start NODE`. */
export async function startNode(ctx: LabContext, input: string, options: {signal?: AbortSignal; relayedPeers?: boolean} = {}): Promise<NodeActionResult> {
  const spec = await resolveArg(ctx, input)
  // A former master must not come back as a second master of its group (after mqlab promote).
  if (!isLive(ctx.supervisor.status(spec.name).state)) {
    assertNoSecondMaster(ctx, spec)
    assertNodeFileValid(ctx, spec, 'start', false, {relayedPeers: options.relayedPeers})
  }
  const start = await ctx.supervisor.start(spec, options)
  return finish(ctx, spec.name, 'start', {start})
}

/** `mqlab stop NODE`. */
export async function stopNode(ctx: LabContext, input: string): Promise<NodeActionResult> {
  const spec = await resolveArg(ctx, input)
  const stop = await ctx.supervisor.stop(spec.name)
  return finish(ctx, spec.name, 'stop', {stop})
}

/** `mqlab restart NODE`: stop (TERM, then KILL) and start, waiting for readiness. */
export async function restartNode(ctx: LabContext, input: string, options: {signal?: AbortSignal} = {}): Promise<NodeActionResult> {
  const spec = await resolveArg(ctx, input)
  assertNoSecondMaster(ctx, spec)
  // Refuse before stopping: a bad edit must not turn a healthy node into one that cannot start.
  assertNodeFileValid(ctx, spec, 'restart', isLive(ctx.supervisor.status(spec.name).state))
  const stop = await ctx.supervisor.stop(spec.name)
  const start = await ctx.supervisor.start(spec, options)
  return finish(ctx, spec.name, 'restart', {stop, start})
}

/** `mqlab kill NODE [--signal SIG]`. */
export async function killNode(ctx: LabContext, input: string, signal: NodeJS.Signals): Promise<NodeActionResult> {
  const spec = await resolveArg(ctx, input)
  const outcome = await ctx.supervisor.signal(spec.name, signal)
  return finish(ctx, spec.name, 'kill', {signal: outcome})
}

/** `mqlab pause NODE` / `mqlab resume NODE`. */
export async function freezeNode(ctx: LabContext, input: string, pause: boolean): Promise<NodeActionResult> {
  const spec = await resolveArg(ctx, input)
  const outcome = pause ? await ctx.supervisor.pause(spec.name) : await ctx.supervisor.resume(spec.name)
  return finish(ctx, spec.name, pause ? 'pause' : 'resume', {signal: outcome})
}

function finish(
  ctx: LabContext,
  node: string,
  action: NodeActionResult['action'],
  parts: Pick<NodeActionResult, 'start' | 'stop' | 'signal'>,
): NodeActionResult {
  const status = ctx.supervisor.status(node)
  const otherCrashes = ctx.specs
    .filter((s) => s.name !== node)
    .map((s) => ctx.supervisor.status(s.name))
    .filter((s) => s.state === 'crashed')
    .map((s) => ctx.supervisor.crashReport(s.name, s))
  return {node, action, state: status.state, pid: status.pid ?? null, ...parts, otherCrashes}
}
