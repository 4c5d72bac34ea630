import {Flags} from '@oclif/core'
import {NodeCommand, labDirFlag, nodeArg} from '../cli/node-command.js'
import type {KillPrediction} from '../lab/kill-prediction.js'
import type {NodeActionResult} from '../lab/lab-node-control.js'
import type {ElectionWatch} from '../lab/dledger-election-watch.js'

/** What `mqlab kill` returns: the action, what the topology predicts next (null while the node lives on), and the election a killed DLedger leader caused. */
export type KillResult = NodeActionResult & {prediction: KillPrediction | null; election: ElectionWatch | null}

/** `mqlab kill NODE [--signal SIG]`. */
export default class Kill extends NodeCommand {
  static override summary = 'Send a signal to one node; the default SIGKILL is a crash (no flush, abort file left behind)'
  static override description = `The node then shows as crashed in mqlab status, with its last log lines, until it is started again (a broker then recovers from its abort file) or cleared with mqlab stop. --signal takes a name (SIGTERM, TERM) or a number (9).

Afterwards it narrates what RocketMQ 4.9.8 does next in this lab as it is now (also under --json, as "prediction", with machine-readable "claims": what, which topics/groups/nodes, when): for a master, that classic master/slave never promotes a slave by itself, which topics stay readable from its slave (it asks the slave which topics it has synced: a topic created or auto-created in the last ~10 s is not there yet and stays unreadable), which topics can no longer be written, what happens to sends in flight, and when running clients notice (their 30 s route poll, or about 1 s with --fast-failover); for a paused master (--signal SIGSTOP), that sends time out without a retry; for a slave of a SYNC_MASTER, that sends to its group get SLAVE_NOT_AVAILABLE; for a name server, whether others keep serving.`
  static override examples = [
    '<%= config.bin %> <%= command.id %> broker-a-master',
    '<%= config.bin %> <%= command.id %> broker-a-master --signal SIGTERM',
    '<%= config.bin %> <%= command.id %> namesrv-1 --json',
  ]
  static override args = nodeArg
  static override flags = {
    ...labDirFlag,
    signal: Flags.string({description: 'signal to send', default: 'SIGKILL'}),
    'election-timeout': Flags.integer({description: 'after killing a DLedger leader, seconds to watch the election (0: do not watch)', default: 60, min: 0}),
  }

  async run(): Promise<KillResult> {
    const {args, flags} = await this.parse(Kill)
    const {parseSignal} = await import('../lab/signal-name.js')
    const signal = parseSignal(flags.signal)
    const {killNode} = await import('../lab/lab-node-control.js')
    const {predictAfterKill} = await import('../lab/kill-prediction.js')
    const {raftRole, watchElection} = await import('../lab/dledger-election-watch.js')
    const {resolveNode} = await import('../lab/node-lookup.js')
    const {observeAroundKill} = await import('../lab/kill-observation.js')
    let prediction: KillPrediction | null = null
    let election: ElectionWatch | null = null
    const result = await this.runNodeAction(flags.dir, async (ctx) => {
      // A DLedger leader: remember its term, so the election that follows can be narrated.
      const live = ctx.specs.filter((s) => s.kind === 'namesrv' && ctx.supervisor.status(s.name).state === 'running')
      const target = await resolveNode(ctx.specs, args.node, ctx.deps.wire, {liveNamesrvs: live, timeoutMs: ctx.supervisor.timings.probeTimeoutMs}).catch(
        () => undefined,
      )
      const before = target?.fileRole === 'DLEDGER' && (signal === 'SIGKILL' || signal === 'SIGTERM') ? await raftRole(ctx, target) : undefined
      const observe = await observeAroundKill(ctx)
      const done = await killNode(ctx, args.node, signal)
      const killedAt = ctx.deps.clock.now()
      prediction = predictAfterKill(ctx, done.node, signal, await observe.after(done.node))
      if (target && before?.role === 'LEADER' && flags['election-timeout'] > 0) {
        if (!this.json) this.log(`${target.name} led ${target.brokerName} in term ${before.term}; watching the election (Ctrl-C to stop)…`)
        election = await watchElection(ctx, {spec: target, term: before.term}, killedAt, {
          timeoutMs: flags['election-timeout'] * 1000,
          onProgress: (line) => (this.json ? undefined : this.log(`  ${line}`)),
        })
        if (election.timedOut && !this.json) this.log(`  no new master within ${flags['election-timeout']} s`)
      }
      return done
    })
    if (prediction !== null && !this.json) this.log((await import('../cli/render/kill-prediction-report.js')).renderKillPrediction(prediction, flags.dir))
    return {...result, prediction, election}
  }
}
