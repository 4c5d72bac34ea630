import {BaseCommand} from '../../cli/base-command.js'
import {labDirFlag} from '../../cli/node-command.js'

/** `mqlab relays off`. */
export default class RelaysOff extends BaseCommand {
  static override summary = "Stop the lab's relay daemon and write the conf files back as they were"
  static override description = 'Best run while the lab is stopped (running nodes lose the links that went through the relays until they are restarted).'
  static override examples = ['<%= config.bin %> down && <%= config.bin %> relays off']
  static override flags = {...labDirFlag}

  async run(): Promise<{stopped: boolean; restored: string[]}> {
    const {flags} = await this.parse(RelaysOff)
    const {relaysOff} = await import('../../fault/relay-control.js')
    const result = await relaysOff(flags.dir)
    if (!this.json) this.log(result.restored.length === 0 ? 'no relays were on' : `relays off; restored ${result.restored.length} files`)
    return result
  }
}
