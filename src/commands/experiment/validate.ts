import {Args} from '@oclif/core'
import {BaseCommand} from '../../cli/base-command.js'
import {MqlabError} from '../../cli/mqlab-error.js'
import type {ScenarioCheck} from '../../experiment/scenario/load-scenario.js'

/** `mqlab experiment validate FILE`. */
export default class ExperimentValidate extends BaseCommand {
  static override summary = 'Check a scenario file against the published JSON Schema, and what the schema cannot say'
  static override description =
    'Reads a YAML or JSON scenario (or a built-in name), checks it against schemas/experiment-scenario.schema.json with ajv, then checks templates, durations and each fault step. Exit 0 when valid, 2 otherwise, each problem with its JSON pointer.'
  static override examples = ['<%= config.bin %> <%= command.id %> my-scenario.yaml', '<%= config.bin %> <%= command.id %> kill-master --json']
  static override args = {file: Args.string({description: 'scenario file or built-in name', required: true})}

  async run(): Promise<ScenarioCheck> {
    const {args} = await this.parse(ExperimentValidate)
    const {listTemplates} = await import('../../topology/template-catalogue.js')
    const {loadScenario} = await import('../../experiment/scenario/load-scenario.js')
    const result = loadScenario(
      args.file,
      listTemplates().map((t) => t.name),
    )
    if (!this.json) {
      if (result.valid) this.log(`${result.source}: valid (${result.scenario?.faults?.length ?? 0} fault steps)`)
      else for (const p of result.problems) this.log(`${result.source}: ${p.path || '/'}: ${p.message}`)
    }
    if (!result.valid)
      this.fail(
        new MqlabError('SCENARIO_INVALID', `${result.problems.length} problem${result.problems.length === 1 ? '' : 's'} in ${result.source}`, {
          suggestion: 'fix each path listed; the schema is schemas/experiment-scenario.schema.json',
        }),
      )
    return result
  }
}
