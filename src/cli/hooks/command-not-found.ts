/**
 * oclif's command_not_found hook: a mistyped command is a bad command line (exit 2, USAGE), with the
 * nearest commands as a did-you-mean, and under --json the same envelope every command prints.
 * @oclif/plugin-not-found was not used: it exits 127 with plain text and, on a terminal, asks whether to
 * run its guess, where mqlab's contract is exit 2 and one JSON envelope.
 */
import {Errors, type Hook} from '@oclif/core'
import {closestCommands} from '../command-suggestion.js'
import {ExitCode} from '../exit-codes.js'
import type {JsonEnvelope} from '../json-envelope.js'

const hook: Hook.CommandNotFound = async function (options) {
  const separator = options.config.topicSeparator
  const known = options.config.commands.filter((c) => !c.hidden).map((c) => c.id.replaceAll(':', separator))
  const typed = mistypedWords(options.id.split(':'), known, separator)
  const guesses = closestCommands(typed, known)
  const bin = options.config.bin
  const message = `"${typed}" is not a ${bin} command`
  const suggestion =
    guesses.length > 0 ? `did you mean ${guesses.map((g) => `${bin} ${g}`).join(' or ')}? (${bin} help lists every command)` : `${bin} help lists every command`
  if (options.argv?.includes('--json')) {
    const envelope: JsonEnvelope = {
      ok: false,
      command: typed,
      exitCode: ExitCode.USAGE,
      error: {code: 'USAGE', message, suggestion, details: {suggestions: guesses}},
    }
    process.stdout.write(JSON.stringify(envelope, null, 2) + '\n')
    process.exitCode = ExitCode.USAGE
    return
  }
  throw new Errors.CLIError(message, {exit: ExitCode.USAGE, code: 'USAGE', suggestions: [suggestion]})
}

/** The words up to the first one that is no command or topic: "topic creat x" → "topic creat". */
function mistypedWords(words: string[], known: string[], separator: string): string {
  for (let k = words.length - 1; k >= 1; k--) {
    const topic = words.slice(0, k).join(separator)
    if (known.some((c) => c.startsWith(topic + separator))) return words.slice(0, k + 1).join(separator)
  }
  return words[0] ?? ''
}

export default hook
