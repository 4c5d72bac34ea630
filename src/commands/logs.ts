import {Flags} from '@oclif/core'
import {BaseCommand} from '../cli/base-command.js'
import {MqlabError} from '../cli/mqlab-error.js'
import {labDirFlag, nodeArg} from '../cli/node-command.js'
import type {LogsResult} from '../lab/lab-logs.js'

/** `mqlab logs NODE [-f] [-n N]`. */
export default class Logs extends BaseCommand {
  static override summary = "Show the last lines of a node's log (logs/<node>.log); -f keeps printing what it appends"
  static override examples = [
    '<%= config.bin %> <%= command.id %> broker-a-master',
    '<%= config.bin %> <%= command.id %> namesrv-1 -f',
    '<%= config.bin %> <%= command.id %> broker-a-slave -n 200 --json',
  ]
  static override args = nodeArg
  static override flags = {
    ...labDirFlag,
    follow: Flags.boolean({char: 'f', description: 'keep printing new lines until Ctrl-C', default: false}),
    lines: Flags.integer({char: 'n', description: 'how many of the last lines to show', default: 50, min: 0}),
  }

  async run(): Promise<LogsResult> {
    const {args, flags} = await this.parse(Logs)
    if (flags.follow && this.json) throw new MqlabError('USAGE', '-f cannot be combined with --json', {suggestion: 'drop -f to get the last lines as JSON'})
    const {openLab} = await import('../lab/lab-context.js')
    const {readNodeLog} = await import('../lab/lab-logs.js')
    const ctx = openLab(flags.dir)
    try {
      const result = await readNodeLog(ctx, args.node, flags.lines)
      if (this.json) return result
      if (result.lines.length === 0 && !flags.follow) this.logToStderr(`${result.logPath} is empty or missing (has ${result.node} ever started?)`)
      for (const line of result.lines) this.log(line)
      if (flags.follow) {
        const {onInterrupt} = await import('../cli/interrupt.js')
        const {followFile} = await import('../lab/log-follow.js')
        const interrupt = onInterrupt()
        try {
          await followFile(result.logPath, (line) => this.log(line), ctx.deps.clock, interrupt.signal)
        } finally {
          interrupt.dispose()
        }
      }
      return result
    } finally {
      await ctx.close()
    }
  }
}
