import {Flags} from '@oclif/core'
import {NodeCommand, labDirFlag, nodeArg} from '../cli/node-command.js'
import type {NodeActionResult} from '../lab/lab-node-control.js'

/** `mqlab kill NODE [--signal SIG]`. */
export default class Kill extends NodeCommand {
  static override summary = 'Send a signal to one node; the default SIGKILL is a crash (no flush, abort file left behind)'
  static override description = 'The node then shows as crashed in mqlab status, with its last log lines, until it is started again (a broker then recovers from its abort file) or cleared with mqlab stop. --signal takes a name (SIGTERM, TERM) or a number (9).'
  static override examples = [
    '<%= config.bin %> <%= command.id %> broker-a-master',
    '<%= config.bin %> <%= command.id %> broker-a-master --signal SIGTERM',
    '<%= config.bin %> <%= command.id %> namesrv-1 --json',
  ]
  static override args = nodeArg
  static override flags = {...labDirFlag, signal: Flags.string({description: 'signal to send', default: 'SIGKILL'})}

  async run(): Promise<NodeActionResult> {
    const {args, flags} = await this.parse(Kill)
    const {parseSignal} = await import('../lab/signal-name.js')
    const signal = parseSignal(flags.signal)
    const {killNode} = await import('../lab/lab-node-control.js')
    return this.runNodeAction(flags.dir, (ctx) => killNode(ctx, args.node, signal))
  }
}
