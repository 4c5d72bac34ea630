import {Flags} from '@oclif/core'
import {NodeCommand, labDirFlag, nodeArg} from '../cli/node-command.js'
import type {KillPrediction} from '../lab/kill-prediction.js'
import type {NodeActionResult} from '../lab/lab-node-control.js'

/** What `mqlab kill` returns: the action, and what the topology predicts next (null while the node lives on). */
export type KillResult = NodeActionResult & {prediction: KillPrediction | null}

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
  static override flags = {...labDirFlag, signal: Flags.string({description: 'signal to send', default: 'SIGKILL'})}

  async run(): Promise<KillResult> {
    const {args, flags} = await this.parse(Kill)
    const {parseSignal} = await import('../lab/signal-name.js')
    const signal = parseSignal(flags.signal)
    const {killNode} = await import('../lab/lab-node-control.js')
    const {predictAfterKill} = await import('../lab/kill-prediction.js')
    const {observeAroundKill} = await import('../lab/kill-observation.js')
    let prediction: KillPrediction | null = null
    const result = await this.runNodeAction(flags.dir, async (ctx) => {
      const observe = await observeAroundKill(ctx)
      const done = await killNode(ctx, args.node, signal)
      prediction = predictAfterKill(ctx, done.node, signal, await observe.after(done.node))
      return done
    })
    if (prediction !== null && !this.json) this.log((await import('../cli/render/kill-prediction-report.js')).renderKillPrediction(prediction, flags.dir))
    return {...result, prediction}
  }
}
