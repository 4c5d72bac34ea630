/** Reads a config file's text, turning I/O failures into problems instead of exceptions. */
import fs from 'node:fs'
import type {ConfigProblem} from './config-problem.js'

/** The text of a file, or the problem that stopped it being read. */
export type ConfigFileText = {ok: true; text: string} | {ok: false; problem: ConfigProblem}

/** Reads `file` as UTF-8; `label` names it in problems. */
export function readConfigFileText(file: string, label: string = file): ConfigFileText {
  let fd: number | undefined
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait forever for a writer. The type is
    // checked on the open descriptor, so nothing can be swapped in between.
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK)
    const stat = fs.fstatSync(fd)
    if (!stat.isFile()) {
      const kind = stat.isFIFO()
        ? 'a FIFO (named pipe)'
        : stat.isDirectory()
          ? 'a directory'
          : stat.isSocket()
            ? 'a socket'
            : stat.isCharacterDevice() || stat.isBlockDevice()
              ? 'a device'
              : 'not a regular file'
      return {
        ok: false,
        problem: {
          severity: 'error',
          rule: 'file-unreadable',
          file: label,
          message: `not a regular file: it is ${kind}`,
          fix: `replace ${label} with a regular .properties file`,
        },
      }
    }
    return {ok: true, text: fs.readFileSync(fd, 'utf8')}
  } catch (error) {
    const e = error as NodeJS.ErrnoException
    const reason = e.code === 'ENOENT' ? 'no such file' : e.code === 'EACCES' ? 'permission denied' : e.code === 'EISDIR' ? 'is a directory' : e.message
    return {
      ok: false,
      problem: {severity: 'error', rule: 'file-unreadable', file: label, message: `cannot read the file: ${reason}`, fix: 'check the path given to -c'},
    }
  } finally {
    if (fd !== undefined) fs.closeSync(fd)
  }
}
