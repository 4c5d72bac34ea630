/** Did-you-mean for mistyped commands (pure). */
import {distance} from 'fastest-levenshtein'

/**
 * The known commands nearest to `typed`: within an edit distance of about a third of the word (at least
 * 2), or those it is a prefix of; at most three, nearest first.
 */
export function closestCommands(typed: string, known: readonly string[]): string[] {
  const word = typed.trim().toLowerCase()
  if (word === '') return []
  const limit = Math.max(2, Math.floor(word.length / 3))
  return known
    .map((k) => ({k, d: k.startsWith(word) ? 0.5 : distance(word, k.toLowerCase())}))
    .filter((x) => x.d <= limit)
    .sort((a, b) => a.d - b.d || a.k.localeCompare(b.k))
    .slice(0, 3)
    .map((x) => x.k)
}
