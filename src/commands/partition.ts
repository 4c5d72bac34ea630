import {Args, Flags} from '@oclif/core'
import {BaseCommand} from '../cli/base-command.js'
import {labDirFlag} from '../cli/node-command.js'
import type {LinkStates} from '../fault/link-state.js'

/** `mqlab partition A B [--oneway]`. */
export default class Partition extends BaseCommand {
  static override summary = 'Cut the relayed links between two nodes: traffic is held, not dropped, until mqlab heal'
  static override description = `Needs mqlab relays on. A is a node (broker-a-slave, namesrv-1…) or "client" (clients using the relays' name-server list). Both directions by default; --oneway holds only traffic from A to B. Bytes in flight are held at the relay and delivered intact on heal, as after a real partition.`
  static override examples = ['<%= config.bin %> partition broker-a-slave broker-a-master', '<%= config.bin %> partition broker-a-master namesrv-1 --oneway']
  static override args = {a: Args.string({required: true, description: 'one node'}), b: Args.string({required: true, description: 'the other node'})}
  static override flags = {...labDirFlag, oneway: Flags.boolean({description: 'hold only traffic from A to B', default: false})}

  async run(): Promise<{links: LinkStates; lines: string[]}> {
    const {args, flags} = await this.parse(Partition)
    const {changeLinkFaults, describeState} = await import('../fault/relay-control.js')
    const {applyFault} = await import('../fault/link-state.js')
    const {state, relays} = await changeLinkFaults(flags.dir, (s, r) => applyFault(s, r.links, args.a, args.b, {stalled: true}, flags.oneway))
    const lines = describeState(state, relays)
    if (!this.json) this.log(lines.join('\n'))
    return {links: state, lines}
  }
}
