/** Terminal rendering of what `mqlab kill` predicts happens next. */
import type {KillPrediction} from '../../lab/kill-prediction.js'
import {withDir} from '../hint-dir.js'
import {paletteFor} from '../palette.js'

/** The prediction as a short narrated list, then the commands to try. */
export function renderKillPrediction(p: KillPrediction, dir?: string): string {
  const c = paletteFor()
  const lines = ['', c.bold('What the topology predicts next:'), ...p.effects.map((e) => `  • ${e}`)]
  if (p.groupSendStatus !== null) lines.push(c.yellow(`  ⇒ sends to ${p.brokerName}: ${p.groupSendStatus}`))
  lines.push('', 'Try next:', ...p.next.map((n) => `  ${withDir(n, dir)}`))
  return lines.join('\n')
}
