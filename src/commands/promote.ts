import {Flags} from '@oclif/core'
import {BaseCommand} from '../cli/base-command.js'
import {labDirFlag, nodeArg} from '../cli/node-command.js'
import type {PromoteResult} from '../lab/lab-promote.js'

/** `mqlab promote NODE [--sync] [--force]`. */
export default class Promote extends BaseCommand {
  static override summary = "Make a slave its group's master: RocketMQ 4.x's manual failover, done for you"
  static override description = `Classic master/slave never promotes a slave by itself. This does what RocketMQ's operators do by hand: stop the slave, set brokerId=0 and brokerRole=ASYNC_MASTER (SYNC_MASTER with --sync) in its conf file (every other line kept; a comment records the promotion), start it, and wait until the name servers list it as the group's master (brokerId 0). It prints exactly which keys changed in which file.

Refuses while the group's master is alive (running in the lab, or listed by a name server) unless --force. Afterwards, mqlab start refuses to bring the former master back as a second master of the group; make it a slave of the new master first (brokerId > 0, brokerRole=SLAVE).`
  static override examples = ['<%= config.bin %> <%= command.id %> broker-a-slave', '<%= config.bin %> <%= command.id %> broker-a-slave --sync --json']
  static override args = nodeArg
  static override flags = {
    ...labDirFlag,
    sync: Flags.boolean({description: 'promote to SYNC_MASTER (default ASYNC_MASTER)', default: false}),
    force: Flags.boolean({description: "promote even though the group's master is alive (the group then has two masters)", default: false}),
    timeout: Flags.integer({description: 'seconds the node may take to start and register as master', default: 30, min: 1}),
  }

  async run(): Promise<PromoteResult> {
    const {args, flags} = await this.parse(Promote)
    const {openLab} = await import('../lab/lab-context.js')
    const {promoteNode} = await import('../lab/lab-promote.js')
    const ctx = openLab(flags.dir, {timings: {readyTimeoutMs: flags.timeout * 1000}})
    const interrupt = (await import('../cli/interrupt.js')).onInterrupt()
    try {
      const result = await promoteNode(ctx, args.node, {
        sync: flags.sync,
        force: flags.force,
        signal: interrupt.signal,
        registerTimeoutMs: flags.timeout * 1000,
      })
      if (!this.json) this.log((await import('../cli/render/promote-report.js')).renderPromote(result))
      return result
    } catch (err) {
      if (!this.json) {
        const log = (await import('../cli/render/lab-failure-report.js')).renderFailureLog(err)
        if (log) this.logToStderr(log)
      }
      throw err
    } finally {
      interrupt.dispose()
      await ctx.close()
    }
  }
}
