/**
 * listr2 progress for `mqlab up` on a terminal: one task per start step, one subtask per node, driven
 * by runUp's events (the orchestration stays in src/lab; this only draws it). Never used under --json
 * or without a TTY. listr2 is imported only here, when it is needed.
 */
import type {UpEvent} from '../../lab/lab-up.js'

/** Feeds events to the progress display, then ends it. */
export interface UpProgress {
  onEvent(event: UpEvent): void
  /** Settles whatever is still pending (failed when `error` is given) and waits for the display to end. */
  finish(error?: unknown): Promise<void>
}

interface Pending {
  promise: Promise<{skipped?: string; note?: string}>
  resolve(value: {skipped?: string; note?: string}): void
  reject(error: Error): void
  settled: boolean
  /** Set once the node's start began; a node never begun is not reported as failed or stopped. */
  begun?: boolean
}

/** Starts the display for `steps` (titles and node names in start order). */
export async function startUpProgress(steps: Array<{title: string; nodes: string[]}>): Promise<UpProgress> {
  const {Listr} = await import('listr2')
  const pending = new Map<string, Pending>()
  for (const step of steps) {
    for (const node of step.nodes) {
      let resolve!: Pending['resolve']
      let reject!: Pending['reject']
      const promise = new Promise<{skipped?: string; note?: string}>((res, rej) => {
        resolve = res
        reject = rej
      })
      promise.catch(() => undefined) // a task never reached (an earlier step failed) must not be an unhandled rejection
      const entry: Pending = {
        promise,
        settled: false,
        resolve: (v) => {
          entry.settled = true
          resolve(v)
        },
        reject: (e) => {
          entry.settled = true
          reject(e)
        },
      }
      pending.set(node, entry)
    }
  }
  const list = new Listr<unknown>(
    steps.map((step) => ({
      title: `start ${step.title}`,
      task: (_ctx, task) =>
        task.newListr(
          step.nodes.map((node) => ({
            title: node,
            task: async (_c, sub) => {
              const began = Date.now()
              const outcome = await pending.get(node)!.promise
              if (outcome.skipped) sub.skip(`${node}: ${outcome.skipped}`)
              else sub.title = `${node} ready in ${((Date.now() - began) / 1000).toFixed(1)} s${outcome.note ? ` (${outcome.note})` : ''}`
            },
          })),
          {concurrent: true, exitOnError: false},
        ),
    })),
    {concurrent: false, exitOnError: true, registerSignalListeners: false, rendererOptions: {collapseSubtasks: false}},
  )
  const run = list.run().catch(() => undefined)
  return {
    onEvent(event) {
      if (event.type !== 'node') return
      const entry = pending.get(event.node)
      if (entry === undefined || entry.settled) return
      if (event.phase === 'starting') entry.begun = true
      if (event.phase === 'ready') entry.resolve({note: event.detail})
      else if (event.phase === 'skipped') entry.resolve({skipped: event.detail ?? 'already running'})
      else if (event.phase === 'failed') entry.reject(new Error(event.detail ?? 'failed'))
    },
    async finish(error) {
      for (const entry of pending.values()) {
        if (entry.settled) continue
        // Interrupted or failed before this node's turn: it was never started, so nothing was stopped.
        if (!entry.begun) entry.resolve({skipped: 'not started'})
        else entry.reject(error instanceof Error ? error : new Error(error === undefined ? 'not started' : String(error)))
      }
      await run
    },
  }
}
