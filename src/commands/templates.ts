import {BaseCommand} from '../cli/base-command.js'
import type {TemplatesResult} from '../topology/templates-summary.js'

/** `mqlab templates`: list the topologies `mqlab init` can write. */
export default class Templates extends BaseCommand {
  static override summary = 'List the lab templates with a one-line description each'
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --json']

  async run(): Promise<TemplatesResult> {
    await this.parse(Templates)
    const {summarizeTemplates} = await import('../topology/templates-summary.js')
    const result = summarizeTemplates()
    if (!this.json) {
      const {renderTemplates} = await import('../cli/render/templates-report.js')
      this.log(renderTemplates(result))
    }
    return result
  }
}
