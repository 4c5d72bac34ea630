/** `mqlab logs NODE`: the last lines of logs/<node>.log. */
import type {LabContext} from './lab-context.js'
import {resolveArg} from './lab-node-control.js'

/** A node's log lines. */
export interface LogsResult {
  node: string
  logPath: string
  lines: string[]
}

/** The last `count` lines of the node's log (none when it never started). */
export async function readNodeLog(ctx: LabContext, input: string, count: number): Promise<LogsResult> {
  const spec = await resolveArg(ctx, input)
  return {node: spec.name, logPath: ctx.deps.files.logPath(spec.name), lines: ctx.deps.files.tailLog(spec.name, count)}
}
