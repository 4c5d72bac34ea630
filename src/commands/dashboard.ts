import {Flags} from '@oclif/core'
import {BaseCommand} from '../cli/base-command.js'
import {labDirFlag} from '../cli/lab-dir-flag.js'

/** What `mqlab dashboard` returns when it stops. */
export interface DashboardResult {
  url: string
  dir: string
}

/** `mqlab dashboard`: the lab in a browser. */
export default class Dashboard extends BaseCommand {
  static override summary =
    'Serve a live web dashboard of the lab: nodes and roles, replication lag, topics and groups, events, with kill/stop/start/pause/resume/promote buttons'
  static override description = `Serves on 127.0.0.1 (a free port unless --port) until Ctrl-C; the page updates itself about once a second (Server-Sent Events). Views: Cluster (rocketmq-console's cluster table plus every node the lab expects, down ones included, with state and role registered now versus in its file), Replication (lag per slave over time, in-sync count, send results), Topics & groups (queues with min/max offsets, consumer lag per queue), Events (node starts and deaths, role and route changes, controls).

Controls need the per-run token the served page carries, so another web page cannot trigger them; a kill first shows what mqlab kill would narrate. Another address than loopback needs --allow-remote (and prints a warning).`
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --port 8080 --open',
    '<%= config.bin %> <%= command.id %> --host 0.0.0.0 --allow-remote',
  ]
  static override flags = {
    dir: labDirFlag(),
    port: Flags.integer({description: 'port to listen on (0: a free one)', default: 0, min: 0, max: 65535}),
    host: Flags.string({description: 'address to listen on', default: '127.0.0.1'}),
    'allow-remote': Flags.boolean({description: 'allow a --host that is not loopback', default: false}),
    open: Flags.boolean({description: 'open the page in the default browser (xdg-open)', default: false}),
  }

  async run(): Promise<DashboardResult> {
    const {flags} = await this.parse(Dashboard)
    const {checkBind} = await import('../dashboard/bind-policy.js')
    const bind = checkBind(flags.host, flags['allow-remote'])
    if (bind.warning) this.warn(bind.warning)
    const {LabWatch} = await import('../dashboard/lab-watch.js')
    const {LabControls} = await import('../dashboard/dashboard-controls.js')
    const {DashboardServer} = await import('../dashboard/dashboard-server.js')
    const {dashboardAssetsDir} = await import('../dashboard/dashboard-assets.js')
    const watch = new LabWatch(flags.dir)
    watch.context() // LAB_NOT_FOUND now, not on the first look
    const server = new DashboardServer({
      host: bind.host,
      port: flags.port,
      assetsDir: dashboardAssetsDir(),
      snapshot: () => watch.snapshot(),
      quickStates: () => watch.quickStates(),
      controls: new LabControls(watch),
    })
    const interrupt = (await import('../cli/interrupt.js')).onInterrupt()
    let url = ''
    try {
      url = await server.start()
      // Always printed, --json included: whoever started it needs the address while it runs.
      process.stderr.write(`mqlab dashboard: ${url} (lab ${watch.dir}; Ctrl-C to stop)\n`)
      if (flags.open) (await import('../dashboard/open-browser.js')).openBrowser(url, (msg) => this.warn(msg))
      await new Promise<void>((resolve) => interrupt.signal.addEventListener('abort', () => resolve(), {once: true}))
      return {url, dir: watch.dir}
    } finally {
      interrupt.dispose()
      await server.close()
      await watch.close()
    }
  }
}
