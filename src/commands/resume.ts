import {NodeCommand, labDirFlag, nodeArg} from '../cli/node-command.js'
import type {NodeActionResult} from '../lab/lab-node-control.js'

/** `mqlab resume NODE`. */
export default class Resume extends NodeCommand {
  static override summary = 'Let a paused node carry on (SIGCONT)'
  static override examples = ['<%= config.bin %> <%= command.id %> broker-a-slave', '<%= config.bin %> <%= command.id %> namesrv-1 --json']
  static override args = nodeArg
  static override flags = labDirFlag

  async run(): Promise<NodeActionResult> {
    const {args, flags} = await this.parse(Resume)
    const {freezeNode} = await import('../lab/lab-node-control.js')
    return this.runNodeAction(flags.dir, (ctx) => freezeNode(ctx, args.node, false))
  }
}
