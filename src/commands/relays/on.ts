import {BaseCommand} from '../../cli/base-command.js'
import {labDirFlag} from '../../cli/node-command.js'
import type {RelaysFile} from '../../fault/relay-files.js'

/** `mqlab relays on`. */
export default class RelaysOn extends BaseCommand {
  static override summary = "Route the lab's links through lab-controlled relays, so mqlab partition/heal/delay work without root"
  static override description = `Run while the lab is stopped: starts a relay daemon and points each slave's haMasterAddress and each broker's namesrvAddr entries at its relays (the files say so in a comment). Then mqlab up as usual. mqlab relays off stops the daemon and writes the files back as they were. Client → broker links are not relayed (they use the broker's advertised address).`
  static override examples = ['<%= config.bin %> down && <%= config.bin %> relays on && <%= config.bin %> up', '<%= config.bin %> relays on --dir lab --json']
  static override flags = {...labDirFlag}

  async run(): Promise<RelaysFile> {
    const {flags} = await this.parse(RelaysOn)
    const {relaysOn} = await import('../../fault/relay-control.js')
    const file = await relaysOn(flags.dir)
    if (!this.json) {
      this.log(`relay daemon pid ${file.pid}; ${file.links.length} links relayed:`)
      for (const l of file.links) this.log(`  ${l.from} → ${l.to} (${l.kind}): ${l.address} → ${l.upstream}`)
      this.log(`clients: --namesrv "${file.clientNamesrvAddr}" goes through the relays too`)
    }
    return file
  }
}
