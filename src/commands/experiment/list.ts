import {BaseCommand} from '../../cli/base-command.js'
import type {Scenario} from '../../experiment/scenario/scenario.js'

/** `mqlab experiment list`. */
export default class ExperimentList extends BaseCommand {
  static override summary = 'List the built-in experiment scenarios'
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --json']

  async run(): Promise<{scenarios: Scenario[]}> {
    const {BUILTIN_SCENARIOS} = await import('../../experiment/scenario/builtin-scenarios.js')
    if (!this.json) {
      const {renderTable} = await import('../../cli/table.js')
      this.log(
        renderTable(
          ['scenario', 'templates', 'what it does'],
          BUILTIN_SCENARIOS.map((s) => [s.name, (s.templates ?? []).join(', '), s.description ?? '']),
          {wrap: true, colWidths: [24, 30, 70]},
        ),
      )
    }
    return {scenarios: [...BUILTIN_SCENARIOS]}
  }
}
