import {Flags} from '@oclif/core'
import {NodeCommand, labDirFlag, nodeArg} from '../cli/node-command.js'
import type {NodeActionResult} from '../lab/lab-node-control.js'

/** `mqlab start NODE`. */
export default class Start extends NodeCommand {
  static override summary = 'Start one node and wait until it is ready over the wire'
  static override description =
    'Checks its ports first. A running node is left alone; a crashed one has its last log lines shown, then starts again (a broker recovers its store, as after a real crash). In a DLedger lab, <brokerName>-master names the current master.'
  static override examples = ['<%= config.bin %> <%= command.id %> broker-a-master', '<%= config.bin %> <%= command.id %> namesrv-2 --json']
  static override args = nodeArg
  static override flags = {...labDirFlag, timeout: Flags.integer({description: 'seconds it may take to become ready', default: 30, min: 1})}

  async run(): Promise<NodeActionResult> {
    const {args, flags} = await this.parse(Start)
    const {startNode} = await import('../lab/lab-node-control.js')
    return this.runNodeAction(flags.dir, (ctx, signal) => startNode(ctx, args.node, {signal}), {
      timings: {readyTimeoutMs: flags.timeout * 1000},
      interruptible: true,
    })
  }
}
