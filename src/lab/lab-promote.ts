/**
 * `mqlab promote NODE`: RocketMQ 4.x's manual failover for classic master/slave, done for the user.
 * RocketMQ never promotes a slave by itself; its operators stop the slave, edit its properties
 * (brokerId=0, brokerRole=ASYNC_MASTER or SYNC_MASTER), and start it again, after which it registers
 * with the name servers as the group's master (brokerId 0) and producers write to it. Steps:
 *  1. refuse (MASTER_ALIVE) while the group's master is live in the lab or registered with a name
 *     server, unless forced;
 *  2. stop the slave (TERM, then KILL);
 *  3. rewrite brokerId and brokerRole in its conf file, keeping every other line, with a note saying
 *     what happened (the note is what lets `mqlab start` refuse the former master later);
 *  4. start it and wait until every answering name server lists it as brokerId 0.
 */
import fs from 'node:fs'
import {MqlabError} from '../errors/mqlab-error.js'
import {readLab} from '../topology/lab-reader.js'
import {setProperties, type PropertyChange} from '../topology/properties-edit.js'
import type {LabContext} from './lab-context.js'
import {nodeSpecs, type LabNodeSpec} from './lab-node-spec.js'
import {resolveArg} from './lab-node-control.js'
import {nextSlaveId} from './master-conflict.js'
import {isLive, type NodeState} from './node-state.js'
import {formatPromotionNote, latestPromotion, parsePromotionNotes} from '../topology/promotion-note.js'
import {registeredBrokerId} from './readiness.js'
import type {StartOutcome, StopOutcome} from './supervisor-outcomes.js'
import {writeAtomically} from '../topology/write-atomically.js'

/** How to promote. */
export interface PromoteOptions {
  /** SYNC_MASTER instead of ASYNC_MASTER. */
  sync?: boolean
  /** Promote even though the group's master is alive. */
  force?: boolean
  /** Ctrl-C: stops what the start began. */
  signal?: AbortSignal
  /** How long the promoted node may take to be listed as brokerId 0 once ready (default 30 s). */
  registerTimeoutMs?: number
}

/** The group's master as seen before promoting. */
export interface FormerMaster {
  /** The lab node whose file makes it the group's master, if any. */
  node: string | null
  state: NodeState | null
  /** The address a name server listed as the group's brokerId 0, if one did. */
  registeredAddr: string | null
}

/** What `mqlab promote` did. */
export interface PromoteResult {
  node: string
  brokerName: string
  addr: string
  role: 'ASYNC_MASTER' | 'SYNC_MASTER'
  /** 'promoted', or 'already-master' when a previous promote of this node had done it all. */
  action: 'promoted' | 'already-master'
  forced: boolean
  formerMaster: FormerMaster
  stop: StopOutcome | null
  /** The conf file, relative to the lab folder, and its absolute path. */
  file: string
  path: string
  /** Exactly what changed in the file ([] when nothing had to). */
  changes: PropertyChange[]
  /** The comment written above the changed keys, or null. */
  note: string | null
  start: StartOutcome
  /** From the start of the node until the name servers listed it as brokerId 0, ms. */
  masterAfterMs: number | null
  /** Name servers that list it as brokerId 0. */
  registeredWith: string[]
  /** What the user must know (a live former master, a SYNC_MASTER with no slave…). */
  warnings: string[]
  /** What to do next (turn the former master into a slave…). */
  next: string[]
}

/** Promotes a slave of the lab to master of its group. */
export async function promoteNode(ctx: LabContext, input: string, options: PromoteOptions = {}): Promise<PromoteResult> {
  const spec = await resolveArg(ctx, input)
  const role = options.sync ? 'SYNC_MASTER' : 'ASYNC_MASTER'
  const text = fs.readFileSync(spec.confPath, 'latin1')
  const previous = spec.brokerName === undefined ? undefined : latestPromotion(parsePromotionNotes(text), spec.name, spec.brokerName)
  requirePromotable(spec, previous !== undefined)
  const group = spec.brokerName!
  const formerMaster = await findFormerMaster(ctx, spec)
  const warnings: string[] = []
  const forced =
    (formerMaster.state !== null && isLive(formerMaster.state)) || (formerMaster.registeredAddr !== null && formerMaster.registeredAddr !== spec.addr)
  if (forced && !options.force) {
    const who =
      formerMaster.node !== null && formerMaster.state !== null && isLive(formerMaster.state)
        ? `${formerMaster.node} is ${formerMaster.state}`
        : `a name server lists ${formerMaster.registeredAddr} as its master`
    throw new MqlabError('MASTER_ALIVE', `${group} still has a master: ${who}; promoting ${spec.name} now would give ${group} two masters`, {
      suggestion: `RocketMQ promotes by hand only after the master is gone: mqlab kill ${formerMaster.node ?? 'MASTER'} (or mqlab stop) first, or pass --force to promote anyway`,
      details: {formerMaster},
    })
  }
  if (forced)
    warnings.push(
      `${formerMaster.node ?? formerMaster.registeredAddr} is still the master of ${group} too: two masters take writes for ${group} until you stop it (mqlab stop ${formerMaster.node ?? 'MASTER'})`,
    )

  const at = new Date(ctx.deps.clock.now()).toISOString()
  const noteText = formatPromotionNote({at, node: spec.name, brokerName: group, formerMaster: formerMaster.node}, lastValues(text))
  const edit = setProperties(text, {brokerId: '0', brokerRole: role}, noteText)
  // RocketMQ's order: the slave is stopped before its file changes; a node already promoted is left running.
  const state = ctx.supervisor.status(spec.name).state
  const stop = edit.changes.length > 0 && state !== 'stopped' ? await ctx.supervisor.stop(spec.name) : null
  if (edit.changes.length > 0) writeNodeFile(spec.confPath, edit.text)

  const promoted = respec(ctx, spec)
  const startedAt = ctx.deps.clock.now()
  let start: StartOutcome
  try {
    start = await ctx.supervisor.start(promoted, {signal: options.signal})
  } catch (err) {
    throw afterEdit(err, spec, edit.changes)
  }
  const registeredWith = await waitForMaster(ctx, promoted, options.registerTimeoutMs ?? 30_000, edit.changes)
  const masterAfterMs = registeredWith.length > 0 ? ctx.deps.clock.now() - startedAt : null
  if (registeredWith.length === 0) warnings.push('no name server of the lab is running: nothing lists it as master yet (it registers when one starts)')
  if (role === 'SYNC_MASTER')
    warnings.push(
      `as a SYNC_MASTER with no slave replicating from it, ${spec.name} answers every send SLAVE_NOT_AVAILABLE (stored, not replicated) until a slave follows it`,
    )
  const next: string[] = []
  if (formerMaster.node !== null) {
    next.push(
      `${formerMaster.node} must not come back as a second master (mqlab start refuses it): make it a slave of ${spec.name} first — in ${ctx.specs.find((s) => s.name === formerMaster.node)?.file ?? 'its conf file'} set brokerId=${nextSlaveId(nodeSpecs(readLab(ctx.dir)), group)} and brokerRole=SLAVE`,
    )
  }
  next.push('mqlab replication', 'mqlab cluster')
  return {
    node: spec.name,
    brokerName: group,
    addr: promoted.addr,
    role,
    action: edit.changes.length === 0 ? 'already-master' : 'promoted',
    forced,
    formerMaster,
    stop,
    file: spec.file,
    path: spec.confPath,
    changes: edit.changes,
    note: edit.changes.length === 0 ? null : noteText,
    start,
    masterAfterMs,
    registeredWith,
    warnings,
    next,
  }
}

/** Only a classic slave can be promoted (or a node a previous promote already made master: idempotent). */
function requirePromotable(spec: LabNodeSpec, promotedBefore: boolean): void {
  if (spec.kind === 'broker' && spec.fileRole === 'SLAVE') return
  if (spec.kind === 'broker' && promotedBefore) return
  const why =
    spec.kind === 'namesrv'
      ? `${spec.name} is a name server`
      : spec.fileRole === 'DLEDGER'
        ? `${spec.name} is a DLedger member: its group elects its master by itself`
        : `${spec.name} is already a master (${spec.fileRole}) in ${spec.file}`
  throw new MqlabError('NOT_A_SLAVE', `cannot promote ${spec.name}: ${why}`, {
    suggestion: 'name a classic slave (brokerRole=SLAVE), e.g. broker-a-slave; mqlab status shows the roles',
  })
}

/** The group's master as the lab's files and the name servers see it. */
async function findFormerMaster(ctx: LabContext, spec: LabNodeSpec): Promise<FormerMaster> {
  const masters = ctx.specs.filter(
    (s) => s.name !== spec.name && s.brokerName === spec.brokerName && (s.fileRole === 'ASYNC_MASTER' || s.fileRole === 'SYNC_MASTER'),
  )
  const live = masters.find((m) => isLive(ctx.supervisor.status(m.name).state))
  const node = live ?? masters[0]
  let registeredAddr: string | null = null
  for (const ns of ctx.specs.filter((s) => s.kind === 'namesrv' && ctx.supervisor.status(s.name).state === 'running')) {
    try {
      const info = await ctx.deps.wire.clusterInfo(ns.addr, ctx.supervisor.timings.probeTimeoutMs)
      registeredAddr = info.brokerAddrTable[spec.brokerName!]?.brokerAddrs['0'] ?? null
      break
    } catch {
      // try the next name server
    }
  }
  return {node: node?.name ?? null, state: node ? ctx.supervisor.status(node.name).state : null, registeredAddr}
}

/** brokerId and brokerRole as the file sets them now (the last occurrence wins, as in Java). */
function lastValues(text: string): {brokerId: string | null; brokerRole: string | null} {
  const probe = setProperties(text, {brokerId: '\u0000', brokerRole: '\u0000'})
  const of = (key: string) => probe.changes.find((c) => c.key === key)?.before ?? null
  return {brokerId: of('brokerId'), brokerRole: of('brokerRole')}
}

/** Rewrites the node's file; a failure changes nothing. */
function writeNodeFile(file: string, text: string): void {
  try {
    writeAtomically(file, text)
  } catch (err) {
    throw new MqlabError('WRITE_FAILED', `cannot write ${file}: ${(err as Error).message}`, {
      suggestion: 'check the folder permissions; nothing was changed',
      cause: err,
    })
  }
}

/** The node's spec as its rewritten file now says. */
function respec(ctx: LabContext, spec: LabNodeSpec): LabNodeSpec {
  const fresh = nodeSpecs(readLab(ctx.dir)).find((s) => s.name === spec.name)
  if (fresh === undefined)
    throw new MqlabError('PROMOTE_FAILED', `${spec.file} no longer names ${spec.name} after the rewrite`, {
      suggestion: 'check the file; mqlab validate lists its problems',
    })
  return fresh
}

/** Waits until every answering name server lists the node as brokerId 0; returns those that do. */
async function waitForMaster(ctx: LabContext, spec: LabNodeSpec, timeoutMs: number, changes: PropertyChange[]): Promise<string[]> {
  const {clock, wire} = ctx.deps
  const namesrvs = ctx.specs.filter((s) => s.kind === 'namesrv' && ctx.supervisor.status(s.name).state === 'running').map((s) => s.addr)
  if (namesrvs.length === 0) return []
  const deadline = clock.now() + timeoutMs
  let seen: string[] = []
  for (;;) {
    const answers = await Promise.all(
      namesrvs.map(async (ns) => {
        try {
          return {ns, id: registeredBrokerId(await wire.clusterInfo(ns, ctx.supervisor.timings.probeTimeoutMs), spec.brokerName, spec.addr)}
        } catch {
          return {ns, id: undefined, failed: true}
        }
      }),
    )
    seen = answers.filter((a) => a.id === 0).map((a) => a.ns)
    const answered = answers.filter((a) => !('failed' in a))
    if (answered.length > 0 && seen.length === answered.length) return seen
    if (clock.now() >= deadline) {
      throw afterEdit(
        new MqlabError(
          'PROMOTE_FAILED',
          `${spec.name} started but is not listed as the master (brokerId 0) of ${spec.brokerName} after ${Math.round(timeoutMs / 1000)} s (listed by ${seen.length} of ${answered.length} name servers)`,
          {
            suggestion: `look at mqlab cluster and ${spec.name}'s log (mqlab logs ${spec.name})`,
          },
        ),
        spec,
        changes,
      )
    }
    await clock.sleep(Math.max(20, ctx.supervisor.timings.pollMs))
  }
}

/** A failure after the file was rewritten: says what changed, so the user can undo it. */
function afterEdit(err: unknown, spec: LabNodeSpec, changes: PropertyChange[]): unknown {
  if (!(err instanceof MqlabError) || changes.length === 0) return err
  const diff = changes.map((c) => `${c.key} ${c.before ?? '(unset)'} → ${c.after}`).join(', ')
  return new MqlabError(err.code, `${err.message} (${spec.file} was already changed: ${diff})`, {
    suggestion: err.suggestion,
    details: {...err.details, file: spec.file, changes},
    cause: err,
  })
}
