/** Terminal rendering of `mqlab consume`: one line per message and the summary. */
import type {ConsumeSummary} from '../../client/consumer/consume-report.js'
import type {ConsumedMessage} from '../../client/consumer/consumed-message.js'
import {paletteFor} from '../palette.js'
import {countsLine, latencyLine, ms, oneLine, rate} from './run-figures.js'

/** "broker-a/0 q3@17 msgId=… tag=TagA keys=k1,k2 "body"" — brokerId 0 is the master, > 0 a slave. */
export function renderConsumedLine(m: ConsumedMessage, bodyWidth = 80): string {
  const c = paletteFor()
  const served = m.brokerId === 0 ? c.green(`${m.brokerName}/0`) : c.yellow(`${m.brokerName}/${m.brokerId} (slave)`)
  const tag = m.tags === undefined ? '' : ` tag=${m.tags}`
  const keys = m.keys.length === 0 ? '' : ` keys=${m.keys.join(',')}`
  const retry = m.reconsumeTimes > 0 ? c.yellow(` reconsumed=${m.reconsumeTimes}`) : ''
  const body = m.bodyCompressed ? c.dim(`<${m.bodySize} bytes, compressed>`) : JSON.stringify(oneLine(m.body, bodyWidth))
  return `${served} q${m.queueId}@${m.queueOffset} msgId=${m.msgId}${tag}${keys}${retry} ${body}`
}

/** Why a run stopped, in words. */
const STOPPED: Record<ConsumeSummary['stoppedBy'], string> = {count: 'got the count asked for', timeout: 'timed out', aborted: 'interrupted'}

/** The summary lines. */
export function renderConsumeSummary(s: ConsumeSummary, asked: number | undefined, note: string | undefined): string {
  const c = paletteFor()
  const of = asked === undefined ? '' : ` of ${asked}`
  const lines = [
    `consumed ${s.count}${of} from ${s.topic} as group ${s.group} in ${ms(s.elapsedMs)} (${STOPPED[s.stoppedBy]}); ${rate(s.throughput)}`,
  ]
  if (s.count > 0) {
    lines.push(`served by ${countsLine(s.byBroker)} (brokerName/brokerId: 0 master, > 0 slave)`)
    lines.push(`born → delivered ${latencyLine(s.endToEndLatency)}`)
  }
  const committed = s.queues.filter((q) => q.committedOffset !== undefined)
  if (committed.length > 0) lines.push(c.dim(`committed offsets: ${committed.map((q) => `${q.topic === s.topic ? '' : `${q.topic} `}${q.brokerName} q${q.queueId}=${q.committedOffset}`).join(', ')}`))
  if (note !== undefined) lines.push(note)
  for (const p of s.problems) lines.push(c.yellow(`  ! ${p}`))
  return lines.join('\n')
}
