/**
 * Shell completion (pure): given the words typed after `mqlab` (the last one being completed), the
 * candidates — command and topic words, a command's flags, and values where mqlab knows them: node
 * names for the one-node commands, templates for init, topics after --topic. The lookups are passed in,
 * so this core has no I/O and the command decides what it may cost (reading conf/, asking a name server).
 */

/** What completion can ask about. */
export interface CompletionSources {
  /** Command ids with spaces ("topic create"). */
  commands: string[]
  /** Flags of a command ("--dir", "-n"…), by id. */
  flagsOf(command: string): string[]
  nodes(): Promise<string[]>
  templates(): Promise<string[]>
  topics(): Promise<string[]>
}

/** Commands whose argument is a node name. */
const NODE_COMMANDS = new Set(['start', 'stop', 'restart', 'kill', 'pause', 'resume', 'logs', 'promote'])

/** Candidates for the last word of `words` (words after `mqlab`), filtered by its prefix. */
export async function completeWords(words: readonly string[], sources: CompletionSources): Promise<string[]> {
  const current = words.at(-1) ?? ''
  const before = words.slice(0, -1)
  const prefix = (list: string[]) => [...new Set(list)].filter((w) => w.startsWith(current)).sort()
  const command = longestCommand(before, sources.commands)
  if (command === undefined) {
    // Still choosing the command: the next word of every command that starts with what is typed.
    const typed = before.join(' ')
    const next = sources.commands.filter((c) => typed === '' || c.startsWith(typed + ' ')).map((c) => c.split(' ')[before.length]!)
    return prefix(next.filter(Boolean))
  }
  const previous = before.at(-1)
  if (previous === '--topic' || previous === '-t') return prefix(await sources.topics())
  if (previous === '--dir' || previous === '--file' || previous === '-f') return [] // the shell completes paths
  if (current.startsWith('-')) return prefix(sources.flagsOf(command))
  const args = before.slice(command.split(' ').length).filter((w, i, all) => !w.startsWith('-') && !(all[i - 1]?.startsWith('-') ?? false))
  if (args.length === 0 && NODE_COMMANDS.has(command)) return prefix(await sources.nodes())
  if (args.length === 0 && command === 'init') return prefix(await sources.templates())
  return []
}

function longestCommand(words: readonly string[], commands: readonly string[]): string | undefined {
  for (let n = words.length; n >= 1; n--) {
    const id = words.slice(0, n).join(' ')
    if (commands.includes(id)) return id
  }
  return undefined
}
