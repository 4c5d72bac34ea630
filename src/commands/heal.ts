import {Args} from '@oclif/core'
import {BaseCommand} from '../cli/base-command.js'
import {MqlabError} from '../cli/mqlab-error.js'
import {labDirFlag} from '../cli/node-command.js'
import type {LinkStates} from '../fault/link-state.js'

/** `mqlab heal [A B]`. */
export default class Heal extends BaseCommand {
  static override summary = 'Lift the partitions and delays between two nodes, or everywhere'
  static override examples = ['<%= config.bin %> heal', '<%= config.bin %> heal broker-a-slave broker-a-master']
  static override args = {a: Args.string({required: false, description: 'one node'}), b: Args.string({required: false, description: 'the other node'})}
  static override flags = {...labDirFlag}

  async run(): Promise<{links: LinkStates; lines: string[]}> {
    const {args, flags} = await this.parse(Heal)
    if ((args.a === undefined) !== (args.b === undefined)) throw new MqlabError('USAGE', 'give two nodes, or none to heal every link')
    const {changeLinkFaults, describeState} = await import('../fault/relay-control.js')
    const {healLinks} = await import('../fault/link-state.js')
    const {state, relays} = await changeLinkFaults(flags.dir, (s, r) => healLinks(s, r.links, args.a, args.b))
    const lines = describeState(state, relays)
    if (!this.json) this.log(lines.join('\n'))
    return {links: state, lines}
  }
}
