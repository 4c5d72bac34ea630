import {Flags} from '@oclif/core'
import {BaseCommand} from '../../cli/base-command.js'
import type {EngineEntry} from '../../engine/engine-catalogue.js'

/** What `mqlab engine list` returns. */
export interface EngineListResult {
  mqlabHome: string
  engines: EngineEntry[]
}

/** `mqlab engine list`: the engines a lab can run on. */
export default class EngineList extends BaseCommand {
  static override summary = 'List the engines labs can run on: the embedded runtime and each installed Apache RocketMQ'
  static override description =
    'Installs live in $MQLAB_HOME/engines (MQLAB_HOME defaults to ~/.mqlab); an install without engine.json was stopped half-way and is listed as half-finished (mqlab engine install apache starts it over). ROCKETMQ_HOME, when set to a distribution, is listed too: Java nodes run on it in preference to installs.'
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --json']
  static override flags = {
    verbose: Flags.boolean({description: 'show the folders too', default: false}),
  }

  async run(): Promise<EngineListResult> {
    const {flags} = await this.parse(EngineList)
    const {listEngines} = await import('../../engine/engine-catalogue.js')
    const {mqlabHome} = await import('../../engine/engine-home.js')
    const engines = listEngines()
    if (!this.json) {
      const {renderTable} = await import('../../cli/table.js')
      const rows = engines.map((e) => [
        e.engine,
        e.version,
        e.source,
        e.state,
        e.jars === null ? '' : String(e.jars),
        ...(flags.verbose ? [e.home ?? e.dir ?? ''] : []),
      ])
      this.log(renderTable(['engine', 'version', 'source', 'state', 'jars', ...(flags.verbose ? ['ROCKETMQ_HOME'] : [])], rows))
      if (!engines.some((e) => e.engine === 'apache' && e.state === 'ready')) this.log('Apache RocketMQ is not installed: mqlab engine install apache')
    }
    return {mqlabHome: mqlabHome(), engines}
  }
}
