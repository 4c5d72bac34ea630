import {NodeCommand, labDirFlag, nodeArg} from '../cli/node-command.js'
import type {KillPrediction} from '../lab/kill-prediction.js'
import type {NodeActionResult} from '../lab/lab-node-control.js'

/** What `mqlab pause` returns: the action, and for a master what RocketMQ does while it hangs (else null). */
export type PauseResult = NodeActionResult & {prediction: KillPrediction | null}

/** `mqlab pause NODE`. */
export default class Pause extends NodeCommand {
  static override summary = 'Freeze one node with SIGSTOP: its connections stay open but nothing answers (a hung broker)'
  static override description = `For a master it then narrates what RocketMQ 4.9.8 does while a broker hangs (also under --json, as "prediction"): the name servers keep listing it until 120 s pass without its registration, and sends to it time out without a retry.`
  static override examples = ['<%= config.bin %> <%= command.id %> broker-a-slave', '<%= config.bin %> <%= command.id %> namesrv-1 --json']
  static override args = nodeArg
  static override flags = labDirFlag

  async run(): Promise<PauseResult> {
    const {args, flags} = await this.parse(Pause)
    const {freezeNode} = await import('../lab/lab-node-control.js')
    const {predictAfterKill} = await import('../lab/kill-prediction.js')
    let prediction: KillPrediction | null = null
    const result = await this.runNodeAction(flags.dir, async (ctx) => {
      const done = await freezeNode(ctx, args.node, true)
      prediction = predictAfterKill(ctx, done.node, 'SIGSTOP')
      return done
    })
    if (prediction !== null && !this.json) this.log((await import('../cli/render/kill-prediction-report.js')).renderKillPrediction(prediction))
    return {...result, prediction}
  }
}
