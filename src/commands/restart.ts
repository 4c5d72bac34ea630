import {Flags} from '@oclif/core'
import {NodeCommand, labDirFlag, nodeArg} from '../cli/node-command.js'
import type {NodeActionResult} from '../lab/lab-node-control.js'

/** `mqlab restart NODE`. */
export default class Restart extends NodeCommand {
  static override summary = 'Stop one node gracefully, start it again, and wait until it is ready'
  static override examples = ['<%= config.bin %> <%= command.id %> broker-a-master', '<%= config.bin %> <%= command.id %> namesrv-1 --json']
  static override args = nodeArg
  static override flags = {
    ...labDirFlag,
    timeout: Flags.integer({description: 'seconds for each of stopping (SIGTERM to SIGKILL) and becoming ready', default: 30, min: 1}),
  }

  async run(): Promise<NodeActionResult> {
    const {args, flags} = await this.parse(Restart)
    const {restartNode} = await import('../lab/lab-node-control.js')
    return this.runNodeAction(flags.dir, (ctx, signal) => restartNode(ctx, args.node, {signal}), {
      timings: {readyTimeoutMs: flags.timeout * 1000, stopTimeoutMs: flags.timeout * 1000},
      interruptible: true,
    })
  }
}
