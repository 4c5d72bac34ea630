/** Reads a config file's text, turning I/O failures into problems instead of exceptions. */
import fs from 'node:fs'
import type {ConfigProblem} from './config-problem.js'

/** The text of a file, or the problem that stopped it being read. */
export type ConfigFileText = {ok: true; text: string} | {ok: false; problem: ConfigProblem}

/** Reads `file` as UTF-8; `label` names it in problems. */
export function readConfigFileText(file: string, label: string = file): ConfigFileText {
  try {
    return {ok: true, text: fs.readFileSync(file, 'utf8')}
  } catch (error) {
    const e = error as NodeJS.ErrnoException
    const reason = e.code === 'ENOENT' ? 'no such file' : e.code === 'EACCES' ? 'permission denied' : e.code === 'EISDIR' ? 'is a directory' : e.message
    return {ok: false, problem: {severity: 'error', rule: 'file-unreadable', file: label, message: `cannot read the file: ${reason}`, fix: 'check the path given to -c'}}
  }
}
