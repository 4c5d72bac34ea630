import {Flags} from '@oclif/core'
import {clientTargetFlags, clientTargetHelp} from '../cli/client-flags.js'
import {ClientCommand} from '../cli/client-command.js'
import {MqlabError} from '../cli/mqlab-error.js'
import type {ReplicationReport} from '../client/admin/ha-replication-report.js'
import {ROUTE_REFRESH_NOTE} from '../client/route-refresh-note.js'

/** `mqlab replication [--watch] [--json]`. */
export default class Replication extends ClientCommand {
  static override summary = 'Show master/slave replication per broker group: offsets, lag, link state, last contact, rate, recent send results'
  static override description = `For each broker group: the master's address and commitlog max offset, and its send results of the last 60 s (SEND_OK, FLUSH_SLAVE_TIMEOUT, SLAVE_NOT_AVAILABLE…); for each slave its acknowledged offset, lag in bytes and (where computable) in messages, status (in sync: link up and within 64 KiB; falling behind; disconnected; DIVERGED: its commitlog disagrees with the master's, a check mqlab adds: RocketMQ 4.9.8 would append the master's data after the slave's own end, misaligned), HA link state, last contact, and transfer rate. A slave that cannot reach its master shows why.

mqlab's brokers answer an mqlab request for this (MQLAB_GET_HA_STATUS); a real RocketMQ 4.x broker has none, so against one the lag comes from the commitlog max offsets of GET_BROKER_RUNTIME_INFO and the link state is unknown.

--watch redraws every --interval seconds until Ctrl-C (in place on a terminal).

${clientTargetHelp(ROUTE_REFRESH_NOTE)}`
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --watch',
    '<%= config.bin %> <%= command.id %> --namesrv 127.0.0.1:9876 --json',
  ]
  static override flags = {
    ...clientTargetFlags,
    watch: Flags.boolean({description: 'refresh until Ctrl-C', default: false}),
    interval: Flags.integer({description: 'seconds between refreshes with --watch', default: 1, min: 1}),
  }

  async run(): Promise<ReplicationReport> {
    const {flags} = await this.parse(Replication)
    if (flags.watch && this.json)
      throw new MqlabError('USAGE', '--watch redraws a terminal and cannot be combined with --json', {
        suggestion: 'run mqlab replication --json repeatedly instead',
      })
    const target = await this.resolveTarget(flags)
    const {MQAdmin} = await import('../client/admin/mq-admin.js')
    const {collectReplication} = await import('../client/admin/ha-admin.js')
    const {renderReplication} = await import('../cli/render/replication-report.js')
    // Views answer fast: a paused (SIGSTOPped) broker costs 1.5 s, not the 3 s RPC default per request.
    const admin = new MQAdmin({namesrvAddr: target.namesrvAddrs, requestTimeoutMs: 1500})
    try {
      let report = await collectReplication(admin)
      const names = flags.namesrv === undefined ? await labNodeNames(flags.dir) : new Map<string, string>()
      if (!flags.watch) {
        if (!this.json) this.log(renderReplication(report, names))
        return report
      }
      const {onInterrupt} = await import('../cli/interrupt.js')
      const {setTimeout: delay} = await import('node:timers/promises')
      const interrupt = onInterrupt()
      const tty = process.stdout.isTTY === true
      try {
        for (;;) {
          const text = `${new Date(report.takenAt).toISOString()}  (Ctrl-C to stop)\n${renderReplication(report, names)}`
          if (tty) process.stdout.write(`\x1b[H\x1b[2J${text}\n`)
          else this.log(`${text}\n`)
          await delay(flags.interval * 1000, undefined, {signal: interrupt.signal})
          // A refresh that fails (name servers restarting mid-experiment) is shown, and the watch goes on.
          report = await collectReplication(admin, {previous: report}).catch((err: unknown) => {
            this.logToStderr(`refresh failed: ${err instanceof Error ? err.message : String(err)}`)
            return report
          })
        }
      } catch (err) {
        if (!interrupt.signal.aborted) throw err
        return report // Ctrl-C is how --watch ends
      } finally {
        interrupt.dispose()
      }
    } finally {
      await admin.close()
    }
  }
}

/** address → node name of the lab in `dir` (empty when there is no lab there). */
async function labNodeNames(dir: string): Promise<Map<string, string>> {
  try {
    const {readLab} = await import('../topology/lab-reader.js')
    const {nodeSpecs} = await import('../lab/lab-node-spec.js')
    return new Map(nodeSpecs(readLab(dir)).map((s) => [s.addr, s.name]))
  } catch {
    return new Map()
  }
}
