/**
 * The dashboard's controls: kill, stop, start, pause, resume, promote, run through the same lab
 * functions as the CLI's commands, one at a time (two supervisor actions on one lab at once would race on
 * its run files). Before a kill the page asks for the prediction `mqlab kill` narrates, as the topology
 * stands now; after it, the result carries the prediction read around the real kill, like the command's.
 */
import {observeAroundKill} from '../lab/kill-observation.js'
import {predictAfterKill, predictKill, type KillPrediction} from '../lab/kill-prediction.js'
import {freezeNode, killNode, startNode, stopNode} from '../lab/lab-node-control.js'
import {promoteNode} from '../lab/lab-promote.js'
import {MqlabError} from '../errors/mqlab-error.js'
import type {LabWatch} from './lab-watch.js'

/** What the page may ask for. */
export const ACTIONS = ['kill', 'stop', 'start', 'pause', 'resume', 'promote'] as const
export type DashboardAction = (typeof ACTIONS)[number]

/** True when `a` names an action. */
export function isAction(a: unknown): a is DashboardAction {
  return typeof a === 'string' && (ACTIONS as readonly string[]).includes(a)
}

/** Runs the page's actions one after another. */
export class LabControls {
  private queue: Promise<unknown> = Promise.resolve()

  constructor(private readonly watch: LabWatch) {}

  /** What killing `node` would do, as the lab is now (null for a node whose death changes nothing predicted). */
  preview(node: string, signal = 'SIGKILL'): KillPrediction | null {
    const ctx = this.watch.context()
    if (!ctx.specs.some((s) => s.name === node)) throw new MqlabError('UNKNOWN_NODE', `no node ${node} in this lab`)
    const live = new Set(ctx.specs.filter((s) => s.name !== node && ctx.supervisor.status(s.name).state === 'running').map((s) => s.name))
    return predictKill({specs: ctx.specs, node, live, signal, paused: signal === 'SIGSTOP'}) ?? null
  }

  /** Runs one action after any running one; resolves with what it did. */
  run(node: string, action: DashboardAction): Promise<unknown> {
    const next = this.queue.then(() => this.act(node, action))
    this.queue = next.catch(() => undefined)
    return next
  }

  private async act(node: string, action: DashboardAction): Promise<unknown> {
    const ctx = this.watch.context()
    switch (action) {
      case 'kill': {
        const observe = await observeAroundKill(ctx)
        const done = await killNode(ctx, node, 'SIGKILL')
        return {...done, prediction: predictAfterKill(ctx, done.node, 'SIGKILL', await observe.after(done.node))}
      }
      case 'stop':
        return stopNode(ctx, node)
      case 'start':
        return startNode(ctx, node)
      case 'pause': {
        const done = await freezeNode(ctx, node, true)
        return {...done, prediction: predictAfterKill(ctx, done.node, 'SIGSTOP')}
      }
      case 'resume':
        return freezeNode(ctx, node, false)
      case 'promote':
        return promoteNode(ctx, node, {})
    }
  }
}
