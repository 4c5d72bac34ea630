/**
 * Hints name commands to try next ("mqlab start broker-a-master"). Run from another folder, a hint
 * without the lab's --dir would act on ./mqlab instead: every `mqlab …` command in a hint gets the
 * --dir it was given (unless it is the default, or the hint already has one). Pure.
 */

/** Words that end a command in prose ("mqlab cluster and …", "mqlab down, then …"). */
const PROSE = new Set(['and', 'or', 'then', 'to', 'first', 'again', 'when', 'if', 'for', 'with'])

/** Adds ` --dir DIR` to each `mqlab …` command in `text` (its words run until punctuation, two spaces or prose). */
export function withDir(text: string, dir: string | undefined): string {
  if (dir === undefined || dir === 'mqlab' || dir === './mqlab') return text
  const flag = ` --dir ${/\s/.test(dir) ? JSON.stringify(dir) : dir}`
  return text.replace(/\bmqlab((?: [\w@.:/{}=%|*"'-]+)+)/g, (match, rest: string) => {
    const words = rest.trim().split(' ')
    if (words[0] === 'init' || words[0] === 'templates') return match
    let end = 0
    while (end < words.length && !(end > 0 && PROSE.has(words[end]!))) end++
    const command = ['mqlab', ...words.slice(0, end)]
    // A trailing comma or similar stays outside the command.
    const last = command[command.length - 1]!
    const trail = /[,.]$/.test(last) ? last.slice(-1) : ''
    if (trail) command[command.length - 1] = last.slice(0, -1)
    if (command.includes('--dir')) return match
    return [command.join(' ') + flag + trail, ...words.slice(end)].join(' ')
  })
}
