import {BaseCommand} from '../cli/base-command.js'
import {MqlabError} from '../cli/mqlab-error.js'
import type {ValidationResult} from '../topology/validate-lab.js'
import {labDirFlag} from '../cli/lab-dir-flag.js'

/** `mqlab validate`: check every node file and the topology before anything starts. */
export default class Validate extends BaseCommand {
  static override summary = "Check a lab's files and topology: every way it would break, before anything starts"
  static override description = `Reads conf/*.properties strictly (file:line for malformed lines, did-you-mean for unknown keys) and checks ports, stores, roles, name servers, DLedger groups and values. Exits 0 when there are no errors (warnings allowed), 3 otherwise. Rule ids are stable; see README.`
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --dir ./raft-lab --json']
  static override flags = {
    dir: labDirFlag(),
  }

  async run(): Promise<ValidationResult> {
    const {flags} = await this.parse(Validate)
    const {readLab} = await import('../topology/lab-reader.js')
    const {checkTopology, summarize} = await import('../topology/validate-lab.js')
    const {labEngineCheck} = await import('../engine/engine-rules.js')
    const lab = readLab(flags.dir)
    // nodes on Apache RocketMQ (mqlab.json "engine") add jvm-binds-all and per-node JVM notes
    const engine = await labEngineCheck(lab)
    const result: ValidationResult & {engineNotes?: typeof engine.notes} = summarize(lab, [...lab.problems, ...checkTopology(lab), ...engine.problems])
    if (engine.notes.length > 0) result.engineNotes = engine.notes
    if (!result.valid) {
      this.fail(
        new MqlabError('VALIDATION_FAILED', `${result.errors} error${result.errors === 1 ? '' : 's'} in ${result.dir}`, {
          suggestion: 'fix the lines listed, then run mqlab validate again',
        }),
      )
    }
    if (!this.json) {
      const {renderValidation} = await import('../cli/render/validate-report.js')
      this.log(renderValidation(result))
      if (engine.notes.length > 0) this.log((await import('../engine/engine-report.js')).renderEngineNotes(engine.notes))
    }
    return result
  }
}
