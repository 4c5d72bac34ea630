import {Flags} from '@oclif/core'
import {BaseCommand} from '../cli/base-command.js'
import type {DownResult} from '../lab/lab-down.js'
import {labDirFlag} from '../cli/lab-dir-flag.js'

/** `mqlab down`: stop every node (SIGTERM, then SIGKILL after a timeout). */
export default class Down extends BaseCommand {
  static override summary = 'Stop the lab: SIGTERM to every node (brokers flush and unregister), SIGKILL after a timeout'
  static override description = `Brokers stop before name servers so they can unregister. A stopped lab is fine (nothing to do). Data is kept unless --clean is given: then, once every node is down, store/, logs/ and run/ are emptied (conf/ is kept; a store configured outside the lab folder is listed, never deleted).`
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --clean',
    '<%= config.bin %> <%= command.id %> --dir ./raft-lab --json',
  ]
  static override flags = {
    dir: labDirFlag(),
    clean: Flags.boolean({description: "after stopping, delete the lab's data (store/, logs/, run/)", default: false}),
    timeout: Flags.integer({description: 'seconds from SIGTERM to SIGKILL', default: 10, min: 1}),
  }

  async run(): Promise<DownResult> {
    const {flags} = await this.parse(Down)
    const {openLab} = await import('../lab/lab-context.js')
    const {runDown} = await import('../lab/lab-down.js')
    const ctx = openLab(flags.dir, {timings: {stopTimeoutMs: flags.timeout * 1000}})
    try {
      const result = await runDown(ctx, {clean: flags.clean})
      if (!this.json) {
        const {renderDown} = await import('../cli/render/lab-action-report.js')
        this.log(renderDown(result))
      }
      return result
    } finally {
      await ctx.close()
    }
  }
}
