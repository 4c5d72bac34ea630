/** Terminal text for engine information (validate's JVM notes). */
import type {NodeEngineNote} from './engine-rules.js'

/** "Nodes on Apache RocketMQ (JVM):" and a line per note. */
export function renderEngineNotes(notes: readonly NodeEngineNote[]): string {
  const lines = ['', 'Nodes on Apache RocketMQ (JVM):']
  for (const n of notes) for (const [i, note] of n.notes.entries()) lines.push(`  ${i === 0 ? n.node.padEnd(18) : ' '.repeat(18)} ${note}`)
  return lines.join('\n')
}
