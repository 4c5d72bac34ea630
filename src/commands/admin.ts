import {Flags} from '@oclif/core'
import {ClientCommand} from '../cli/client-command.js'
import {MqlabError} from '../cli/mqlab-error.js'

/** What `mqlab admin` returns (under --json). */
export interface AdminResult {
  /** The arguments mqadmin got (with -n added). */
  args: string[]
  engine: {version: string; home: string}
  exitCode: number
  stdout: string
  stderr: string
}

/** `mqlab admin ARGS…`: Apache RocketMQ's own mqadmin against the lab. */
export default class Admin extends ClientCommand {
  static override summary = 'Run the real mqadmin (Apache RocketMQ tools) against the lab: -n is set to its name servers'
  static override description = `Runs MQAdminStartup from the installed Apache RocketMQ (mqlab engine install apache), exactly as bin/mqadmin does, with -n set to the name servers of the lab in --dir (or --namesrv) unless the arguments name their own. Works against labs on either engine. mqadmin's output is printed as it comes; its exit code is mqlab's. Put mqadmin's arguments after -- when one of them looks like an mqlab flag.`
  static override strict = false
  static override examples = [
    '<%= config.bin %> <%= command.id %> clusterList',
    '<%= config.bin %> <%= command.id %> topicRoute -t TopicTest',
    '<%= config.bin %> <%= command.id %> --dir ./lab -- brokerStatus -b 127.0.0.1:10911',
    '<%= config.bin %> <%= command.id %> clusterList --json',
  ]
  static override flags = {
    namesrv: Flags.string({description: 'name servers "host:port;host:port" (default: the lab\'s in --dir)', helpValue: 'host:port;host:port'}),
    dir: Flags.string({description: 'lab folder whose name servers -n names', default: 'mqlab'}),
  }

  async run(): Promise<AdminResult> {
    // mqadmin's own options (-t, -b, -c …) are no flags of mqlab's: split the raw argv by hand
    const {adminArgs, namesNamesrv, runAdmin, splitAdminArgv} = await import('../engine/admin-run.js')
    const {flags, rest: passed} = splitAdminArgv(this.argv)
    const {resolveApacheEngine} = await import('../engine/engine-catalogue.js')
    const {findJava} = await import('../engine/java-runtime.js')
    const {readLabEngines} = await import('../engine/lab-engines.js')
    const {labPaths} = await import('../topology/lab-paths.js')
    const {tmpdir} = await import('node:os')
    const hasOwnN = namesNamesrv(passed)
    const target =
      hasOwnN && flags.namesrv === undefined
        ? undefined
        : await this.resolveTarget({dir: flags.dir ?? 'mqlab', ...(flags.namesrv === undefined ? {} : {namesrv: flags.namesrv})})
    const labDir = target?.labDir ?? null
    const engine = resolveApacheEngine(labDir ? readLabEngines(labDir).apacheVersion : undefined)
    const java = findJava()
    const args = adminArgs(passed, target?.namesrvAddrs ?? [])
    const run = await runAdmin({args, engine, java, logDir: labDir ? labPaths(labDir).logs : tmpdir(), capture: this.json})
    const result: AdminResult = {args, engine: {version: engine.version, home: engine.home}, exitCode: run.exitCode, stdout: run.stdout, stderr: run.stderr}
    if (run.exitCode !== 0) {
      this.fail(
        new MqlabError('BROKER_ERROR', `mqadmin ${args[0] ?? ''} exited with code ${run.exitCode}`, {
          suggestion: 'read its output above',
          details: {exitCode: run.exitCode},
        }),
      )
    }
    return result
  }
}
