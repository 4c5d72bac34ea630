import {Flags} from '@oclif/core'
import {BaseCommand} from '../cli/base-command.js'
import type {StatusResult} from '../lab/lab-status.js'
import {labDirFlag} from '../cli/lab-dir-flag.js'

/** `mqlab status`: one row per node. */
export default class Status extends BaseCommand {
  static override summary = 'Show every node: role as registered now, state, pid, ports, commitlog max offset, uptime'
  static override description = `State is running, paused (SIGSTOP), stopped, or crashed (its process died without mqlab stopping it). A crash mqlab kill caused is one line (what was sent, how long ago); any other crash also shows the last lines of its log, as every crash does with --verbose (or read it with mqlab logs NODE). The role comes from a running name server's cluster info (brokerId 0 = master), or from the conf file, marked "(file)", when no name server answers. The commitlog max offset comes from each broker's GET_BROKER_RUNTIME_INFO.`
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> -v', '<%= config.bin %> <%= command.id %> --json']
  static override flags = {
    dir: labDirFlag(),
    verbose: Flags.boolean({char: 'v', description: 'show the last log lines of every crashed node, also those killed by mqlab kill'}),
  }

  async run(): Promise<StatusResult> {
    const {flags} = await this.parse(Status)
    const {openLab} = await import('../lab/lab-context.js')
    const {collectStatus} = await import('../lab/lab-status.js')
    const ctx = openLab(flags.dir)
    try {
      const result = await collectStatus(ctx)
      if (!this.json) {
        const {renderCrashes, renderNodeTable, renderNotes} = await import('../cli/render/lab-status-report.js')
        const lines = [renderNodeTable(result.nodes), ...renderNotes(result.nodes)]
        if (result.crashed.length > 0)
          lines.push(
            renderCrashes(result.crashed, 'crashed', {verbose: flags.verbose}),
            (await import('../cli/hint-dir.js')).withDir('start it again: mqlab start NODE\nclear it: mqlab stop NODE; its log: mqlab logs NODE', flags.dir),
          )
        if (result.rolesFrom === null && result.nodes.some((n) => n.kind === 'broker' && n.state === 'running'))
          lines.push('no name server answered: roles are the conf files\' ("(file)")')
        this.log(lines.join('\n'))
      }
      return result
    } finally {
      await ctx.close()
    }
  }
}
