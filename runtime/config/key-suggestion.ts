/** Did-you-mean for unknown keys and enum values. */
import {distance} from 'fastest-levenshtein'

/**
 * The known name closest to `input`: an exact case-insensitive match first (`listenport` → `listenPort`),
 * else the nearest by edit distance when it is close enough to be a typo (at most a third of the input,
 * and at most 4 edits). Undefined when nothing is plausible.
 */
export function suggestName(input: string, known: readonly string[]): string | undefined {
  const lower = input.toLowerCase()
  const caseMatch = known.find((k) => k.toLowerCase() === lower)
  if (caseMatch !== undefined) return caseMatch
  let best: string | undefined
  let bestDistance = Infinity
  for (const k of known) {
    const d = distance(lower, k.toLowerCase())
    if (d < bestDistance) {
      best = k
      bestDistance = d
    }
  }
  const limit = Math.min(4, Math.max(1, Math.floor(input.length / 3)))
  return bestDistance <= limit ? best : undefined
}
