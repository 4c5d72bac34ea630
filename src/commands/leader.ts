import {Args, Flags} from '@oclif/core'
import {BaseCommand} from '../cli/base-command.js'
import {labDirFlag} from '../cli/node-command.js'
import type {LeaderTransferResult} from '../lab/lab-leader.js'

/** `mqlab leader GROUP --to NODE`. */
export default class Leader extends BaseCommand {
  static override summary = "Hand a DLedger group's leadership to another member (DLedger's LEADERSHIP_TRANSFER)"
  static override description = `Sends LEADERSHIP_TRANSFER to the group's current leader on its raft port, as DLedger's admin client does. The leader stops accepting sends (they fail while the transfer runs), the member named by --to becomes candidate for the next term and wins it, and once its log is committed and dispatched it registers as the group's master (brokerId 0). RocketMQ 4.9.8's mqadmin has no such command; preferredLeaderId in a member's file asks for the same thing permanently.`
  static override examples = ['<%= config.bin %> <%= command.id %> broker-a --to broker-a-n1', '<%= config.bin %> <%= command.id %> broker-a --to n2 --json']
  static override args = {group: Args.string({description: 'the DLedger group (brokerName), e.g. broker-a', required: true})}
  static override flags = {
    ...labDirFlag,
    to: Flags.string({description: 'the member to hand leadership to: node name (broker-a-n1) or raft id (n1)', required: true}),
    timeout: Flags.integer({description: 'seconds to wait for the name servers to list the new master', default: 30, min: 1}),
  }

  async run(): Promise<LeaderTransferResult> {
    const {args, flags} = await this.parse(Leader)
    const {openLab} = await import('../lab/lab-context.js')
    const {transferLeader} = await import('../lab/lab-leader.js')
    const ctx = openLab(flags.dir)
    try {
      const r = await transferLeader(ctx, args.group, flags.to, {timeoutMs: flags.timeout * 1000})
      if (!this.json) {
        if (r.alreadyLeader) this.log(`${r.to} already leads ${r.group} (term ${r.term}); nothing to do`)
        else {
          this.log(`${r.from} handed ${r.group} to ${r.to}: ${r.codeName}, term ${r.term} → ${r.newTerm ?? '?'}`)
          this.log(
            r.registeredAfterMs === null
              ? `the name servers did not list ${r.to} as master within ${flags.timeout} s`
              : `${r.to} registered as master (brokerId 0) after ${(r.registeredAfterMs / 1000).toFixed(1)} s`,
          )
        }
      }
      return r
    } finally {
      await ctx.close()
    }
  }
}
