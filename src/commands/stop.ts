import {Flags} from '@oclif/core'
import {NodeCommand, labDirFlag, nodeArg} from '../cli/node-command.js'
import type {NodeActionResult} from '../lab/lab-node-control.js'

/** `mqlab stop NODE`. */
export default class Stop extends NodeCommand {
  static override summary = 'Stop one node gracefully: SIGTERM, then SIGKILL after a timeout'
  static override description =
    'A broker flushes, unregisters from the name servers and deletes its abort file, as on a clean shutdown. A stopped node is fine; a crashed one has its crash cleared.'
  static override examples = ['<%= config.bin %> <%= command.id %> broker-a-slave', '<%= config.bin %> <%= command.id %> namesrv-1 --timeout 3']
  static override args = nodeArg
  static override flags = {...labDirFlag, timeout: Flags.integer({description: 'seconds from SIGTERM to SIGKILL', default: 10, min: 1})}

  async run(): Promise<NodeActionResult> {
    const {args, flags} = await this.parse(Stop)
    const {stopNode} = await import('../lab/lab-node-control.js')
    return this.runNodeAction(flags.dir, (ctx) => stopNode(ctx, args.node), {timings: {stopTimeoutMs: flags.timeout * 1000}})
  }
}
