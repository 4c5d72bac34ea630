/**
 * `mqlab kill`'s machine-readable prediction (its claims) side by side with what the run measured for the
 * same group: one row per claim, the figure that tests it next to it. Pure.
 */
import type {PredictionClaim} from '../../lab/kill-topic-prediction.js'
import type {KillPrediction} from '../../lab/kill-prediction.js'
import type {CheckReport} from '../checker/index.js'
import type {RunStats} from '../run/experiment-result.js'

export interface ClaimRow {
  what: PredictionClaim['what']
  /** The claim in words: groups, nodes, topics, when. */
  predicted: string
  /** The figure that tests it, in words; '' when the run has none. */
  measured: string
}

function when(c: PredictionClaim, timing: 'java' | 'fast'): string {
  const t = c.when
  const from =
    t.from === 'now'
      ? 'at once'
      : `once clients re-read the route (within ${Math.round(((timing === 'java' ? t.javaClientWithinMs : t.fastClientWithinMs) ?? 0) / 1000)} s)`
  return `${from}${t.until ? `, until ${t.until}` : ''}`
}

const ms = (v: number | null | undefined) => (v === null || v === undefined ? 'not within the run' : `${Math.round(v)} ms`)

export function compareClaims(prediction: KillPrediction, check: CheckReport, stats: RunStats, timing: 'java' | 'fast'): ClaimRow[] {
  const a = check.availability.find((x) => x.group === prediction.brokerName && x.fault.endsWith(prediction.node))
  const served =
    a?.firstReadBrokerId === null || a === undefined
      ? 'nobody'
      : a.firstReadBrokerId === 0
        ? 'the master (brokerId 0)'
        : `a slave (brokerId ${a.firstReadBrokerId})`
  return prediction.claims.map((c) => {
    const scope = [c.groups.join(', '), c.nodes.length > 0 ? `(${c.nodes.join(', ')})` : '', c.topics.length > 0 ? `topics ${c.topics.join(', ')}` : '']
      .filter((x) => x !== '')
      .join(' ')
    const predicted = `${c.what}${scope ? ` ${scope}` : ''}${c.detail ? ` [${c.detail}]` : ''}, ${when(c, timing)}`
    let measured = ''
    switch (c.what) {
      case 'messages-readable':
        measured =
          a === undefined
            ? ''
            : a.readWaiting
              ? `first read of ${a.group} after the fault: ${ms(a.readUnavailableMs)}, served by ${served}`
              : `nothing of ${a.group} was waiting to be read`
        break
      case 'messages-unreadable':
        measured =
          a === undefined ? '' : `${a.waitedForRestart} message(s) waited for the restart; first read after ${ms(a.readUnavailableMs)}, served by ${served}`
        break
      case 'writes-go-to':
        measured =
          a === undefined
            ? ''
            : `first acknowledged send anywhere after ${ms(a.anyWriteUnavailableMs)}; stored per group: ${Object.entries(stats.storedOn)
                .map(([g, n]) => `${g} ${n}`)
                .join(', ')}`
        break
      case 'writes-fail':
      case 'no-promotion':
        measured = a === undefined ? '' : `${a.group} took writes again after ${ms(a.writeUnavailableMs)}`
        break
      case 'send-status':
        measured = c.detail ? `${stats.byStatus[c.detail] ?? 0} send(s) answered ${c.detail}` : ''
        break
      case 'in-flight-sends':
        measured = `${check.queue.unknown} unknown, ${check.queue.failed} failed, ${check.queue.recovered.length} recovered, ${check.queue.storedTwice.length} stored twice`
        break
      case 'route-notice':
        measured = a === undefined ? '' : `any write after ${ms(a.anyWriteUnavailableMs)}; first read after ${ms(a.readUnavailableMs)}`
        break
    }
    return {what: c.what, predicted, measured}
  })
}
