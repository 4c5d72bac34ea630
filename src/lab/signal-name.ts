/** `mqlab kill --signal`: KILL, SIGKILL, kill or 9 all name SIGKILL (os.constants.signals). */
import os from 'node:os'
import {MqlabError} from '../errors/mqlab-error.js'

/** The signal `input` names; USAGE when it names none. */
export function parseSignal(input: string): NodeJS.Signals {
  const table = os.constants.signals as Record<string, number>
  const trimmed = input.trim().toUpperCase()
  if (/^\d+$/.test(trimmed)) {
    const byNumber = Object.entries(table).find(([, n]) => n === Number(trimmed))
    if (byNumber) return byNumber[0] as NodeJS.Signals
  } else {
    const name = trimmed.startsWith('SIG') ? trimmed : `SIG${trimmed}`
    if (name in table) return name as NodeJS.Signals
  }
  throw new MqlabError('USAGE', `--signal ${input} is not a signal`, {
    suggestion: 'use a name such as SIGKILL (a crash), SIGTERM (a graceful stop), SIGSTOP, or a number such as 9',
  })
}
