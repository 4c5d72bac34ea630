/** The `--dir` flag every lab command takes: one definition, defaulting to DEFAULT_LAB_DIR. */
import {Flags} from '@oclif/core'
import {DEFAULT_LAB_DIR} from '../topology/lab-paths.js'

/** `--dir`, with a description that says what the command uses the folder for. */
export function labDirFlag(description = 'lab folder') {
  return Flags.string({description, default: DEFAULT_LAB_DIR})
}
