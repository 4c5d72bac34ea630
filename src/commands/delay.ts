import {Args, Flags} from '@oclif/core'
import {BaseCommand} from '../cli/base-command.js'
import {labDirFlag} from '../cli/node-command.js'
import type {LinkStates} from '../fault/link-state.js'

/** `mqlab delay A B --ms 200 [--jitter 50] [--kbps N] [--oneway]`. */
export default class Delay extends BaseCommand {
  static override summary = 'Slow the relayed links between two nodes: latency with jitter, or a bandwidth cap'
  static override description = 'Needs mqlab relays on. Latency is added per chunk, never reordering a stream; --kbps caps the rate. mqlab heal lifts it.'
  static override examples = [
    '<%= config.bin %> delay broker-a-slave broker-a-master --ms 200',
    '<%= config.bin %> delay broker-a-master namesrv-1 --ms 100 --jitter 50 --oneway',
  ]
  static override args = {a: Args.string({required: true, description: 'one node'}), b: Args.string({required: true, description: 'the other node'})}
  static override flags = {
    ...labDirFlag,
    ms: Flags.integer({description: 'added latency, ms', default: 0, min: 0}),
    jitter: Flags.integer({description: 'up to this much more, ms', default: 0, min: 0}),
    kbps: Flags.integer({description: 'bandwidth cap, KiB/s (0: none)', default: 0, min: 0}),
    oneway: Flags.boolean({description: 'only traffic from A to B', default: false}),
  }

  async run(): Promise<{links: LinkStates; lines: string[]}> {
    const {args, flags} = await this.parse(Delay)
    const {changeLinkFaults, describeState} = await import('../fault/relay-control.js')
    const {applyFault} = await import('../fault/link-state.js')
    const fault = {delayMs: flags.ms, jitterMs: flags.jitter, bandwidthKiBps: flags.kbps}
    const {state, relays} = await changeLinkFaults(flags.dir, (s, r) => applyFault(s, r.links, args.a, args.b, fault, flags.oneway))
    const lines = describeState(state, relays)
    if (!this.json) this.log(lines.join('\n'))
    return {links: state, lines}
  }
}
