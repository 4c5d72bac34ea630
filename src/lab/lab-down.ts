/**
 * `mqlab down`: stops every node — brokers first (slaves and DLedger members, then masters), so they
 * can unregister from name servers that are still up, then the name servers; each step in parallel,
 * SIGTERM then SIGKILL. A stopped lab is fine. Nodes with run files but no conf file any more (a conf
 * deleted while its node ran) are stopped too. Only `--clean` deletes data, and only once every node
 * is down, and only inside the lab folder (a store configured elsewhere is listed, not touched).
 */
import fs from 'node:fs'
import path from 'node:path'
import {labPaths} from '../topology/lab-paths.js'
import type {LabContext} from './lab-context.js'
import {startSteps} from './lab-node-spec.js'
import type {CrashReport, StopOutcome} from './supervisor-outcomes.js'

/** The result of `mqlab down`. */
export interface DownResult {
  dir: string
  nodes: StopOutcome[]
  /** Crashed nodes found (their run files are cleared now). */
  crashed: CrashReport[]
  /** With --clean: what was deleted, relative to the lab folder. */
  deleted: string[]
  /** With --clean: data folders outside the lab folder, left alone. */
  kept: string[]
}

/** Stops the lab; deletes its data when `clean`. */
export async function runDown(ctx: LabContext, options: {clean: boolean}): Promise<DownResult> {
  const {supervisor} = ctx
  const nodes: StopOutcome[] = []
  const known = new Set(ctx.specs.map((s) => s.name))
  const strays = ctx.deps.files.nodesWithRunFiles().filter((n) => !known.has(n))
  // Reverse start order: DLedger members and slaves, masters, name servers; strays first of all.
  const waves = [
    strays,
    ...startSteps(ctx.specs)
      .reverse()
      .map((s) => s.nodes.map((n) => n.name)),
  ]
  for (const wave of waves) {
    const outcomes = await Promise.all(wave.map((node) => supervisor.stop(node)))
    nodes.push(...outcomes)
  }
  const crashed = nodes.flatMap((n) => (n.crash ? [n.crash] : []))
  const {deleted, kept} = options.clean ? clean(ctx) : {deleted: [], kept: []}
  return {dir: ctx.dir, nodes, crashed, deleted, kept}
}

/** Deletes store/, logs/ and run/ contents, and any node data folder inside the lab; lists those outside. */
function clean(ctx: LabContext): {deleted: string[]; kept: string[]} {
  const paths = labPaths(ctx.dir)
  const candidates = [paths.store, paths.logs, paths.run]
  const kept: string[] = []
  for (const spec of ctx.specs) {
    if (spec.storeDir === undefined) continue
    if (isInside(ctx.dir, spec.storeDir) && !protects(paths, spec.storeDir)) candidates.push(spec.storeDir)
    else if (!isInside(paths.store, spec.storeDir)) kept.push(spec.storeDir)
  }
  const deleted: string[] = []
  for (const target of dedupeNested(candidates)) {
    if (!fs.existsSync(target)) continue
    if (target === paths.store || target === paths.logs || target === paths.run) {
      // Keep the folders themselves (init made them); empty them.
      for (const entry of fs.readdirSync(target)) fs.rmSync(path.join(target, entry), {recursive: true, force: true})
    } else {
      fs.rmSync(target, {recursive: true, force: true})
    }
    deleted.push(path.relative(ctx.dir, target) + '/')
  }
  return {deleted, kept: [...new Set(kept)]}
}

/** True when `child` is `parent` or inside it. */
function isInside(parent: string, child: string): boolean {
  const rel = path.relative(path.resolve(parent), path.resolve(child))
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))
}

/** True when deleting `target` would take conf/, mqlab.json or the lab folder itself. */
function protects(paths: ReturnType<typeof labPaths>, target: string): boolean {
  return isInside(target, paths.conf) || isInside(target, paths.marker) || path.resolve(target) === paths.dir
}

/** Drops paths inside another path of the list. */
function dedupeNested(list: string[]): string[] {
  const unique = [...new Set(list.map((p) => path.resolve(p)))]
  return unique.filter((p) => !unique.some((q) => q !== p && isInside(q, p)))
}
