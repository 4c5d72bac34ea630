/**
 * What the one-node commands (start, stop, restart, kill, pause, resume) share: the NODE argument, --dir,
 * opening and closing the lab, Ctrl-C, and rendering. Each command only says which action to run.
 */
import {Args} from '@oclif/core'
import type {LabContext} from '../lab/lab-context.js'
import type {NodeActionResult} from '../lab/lab-node-control.js'
import type {SupervisorTimings} from '../lab/supervisor.js'
import {BaseCommand} from './base-command.js'
import {labDirFlag as dirFlag} from './lab-dir-flag.js'

/** NODE, as every one-node command takes it. */
export const nodeArg = {
  node: Args.string({description: 'node name: namesrv-1, broker-a-master, broker-a-slave, broker-a-n0… (see mqlab status)', required: true}),
}

/** --dir, as every lab command takes it. */
export const labDirFlag = {
  dir: dirFlag(),
}

/** Base of the one-node commands. */
export abstract class NodeCommand extends BaseCommand {
  /**
   * Opens the lab at `dir`, runs `act`, renders the result, closes the lab. With `interruptible` (commands
   * that start a process), Ctrl-C aborts the signal so `act` stops what it started; otherwise Ctrl-C
   * keeps its default meaning.
   */
  protected async runNodeAction(
    dir: string,
    act: (ctx: LabContext, signal: AbortSignal | undefined) => Promise<NodeActionResult>,
    options: {timings?: Partial<SupervisorTimings>; interruptible?: boolean} = {},
  ): Promise<NodeActionResult> {
    const {openLab} = await import('../lab/lab-context.js')
    const ctx = openLab(dir, {timings: options.timings})
    const interrupt = options.interruptible ? (await import('./interrupt.js')).onInterrupt() : undefined
    try {
      const result = await act(ctx, interrupt?.signal)
      if (!this.json) {
        const {renderNodeAction} = await import('./render/lab-action-report.js')
        this.log(renderNodeAction(result))
      }
      return result
    } catch (err) {
      if (!this.json) {
        const {renderFailureLog} = await import('./render/lab-failure-report.js')
        const log = renderFailureLog(err)
        if (log) this.logToStderr(log)
      }
      throw err
    } finally {
      interrupt?.dispose()
      await ctx.close()
    }
  }
}
