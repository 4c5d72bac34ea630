/** Terminal rendering of `mqlab consume`: one line per message and the summary. */
import type {ConsumeSummary} from '../../client/consumer/consume-report.js'
import type {ConsumedMessage} from '../../client/consumer/consumed-message.js'
import {paletteFor} from '../palette.js'
import {wrapProse} from '../table.js'
import {countsLine, latencyLine, ms, oneLine, rate} from './run-figures.js'

/** "broker-a/0 q3@17 msgId=… tag=TagA keys=k1,k2 "body"" — brokerId 0 is the master, > 0 a slave. */
export function renderConsumedLine(m: ConsumedMessage, bodyWidth = 80): string {
  if (!Number.isFinite(bodyWidth)) bodyWidth = Number.MAX_SAFE_INTEGER
  const c = paletteFor()
  const served = m.brokerId === 0 ? c.green(`${m.brokerName}/0`) : c.yellow(`${m.brokerName}/${m.brokerId} (slave)`)
  const tag = m.tags === undefined ? '' : ` tag=${m.tags}`
  const keys = m.keys.length === 0 ? '' : ` keys=${m.keys.join(',')}`
  const retry = m.reconsumeTimes > 0 ? c.yellow(` reconsumed=${m.reconsumeTimes}`) : ''
  const body = m.bodyCompressed ? c.dim(`<${m.bodySize} bytes, compressed>`) : JSON.stringify(oneLine(m.body, bodyWidth))
  const props =
    Object.keys(m.properties).length === 0
      ? ''
      : ` props=${Object.entries(m.properties)
          .map(([k, v]) => `${k}=${v}`)
          .join(',')}`
  return `${served} q${m.queueId}@${m.queueOffset} msgId=${m.msgId}${tag}${keys}${props}${retry} ${body}`
}

/**
 * A message through a format string, as kcat -f: %t topic, %q queue id, %o queue offset, %i msgId,
 * %k keys, %g tag, %b body (whole), %B brokerName/brokerId that served it, %T store time (ISO), %a age
 * in ms (store → now), %p user properties (k=v,…), %%; \n and \t are newline and tab. Pure apart from `now`.
 */
export function formatConsumed(m: ConsumedMessage, format: string, now: number = Date.now()): string {
  const fields: Record<string, () => string> = {
    t: () => m.topic,
    q: () => String(m.queueId),
    o: () => String(m.queueOffset),
    i: () => m.msgId,
    k: () => m.keys.join(','),
    g: () => m.tags ?? '',
    b: () => m.body,
    B: () => `${m.brokerName}/${m.brokerId}`,
    T: () => new Date(m.storeTimestamp).toISOString(),
    a: () => String(Math.max(0, now - m.storeTimestamp)),
    p: () =>
      Object.entries(m.properties)
        .map(([k, v]) => `${k}=${v}`)
        .join(','),
    '%': () => '%',
  }
  return format
    .replace(/\\n/g, '\n')
    .replace(/\\t/g, '\t')
    .replace(/%(.)/g, (all, f: string) => (fields[f] ? fields[f]() : all))
}

/** Why a run stopped, in words. */
const STOPPED: Record<ConsumeSummary['stoppedBy'], string> = {
  count: 'got the count asked for',
  timeout: 'timed out',
  aborted: 'interrupted',
  end: 'reached the end of every queue',
}

/** The summary lines. */
export function renderConsumeSummary(s: ConsumeSummary, asked: number | undefined, note: string | undefined): string {
  const c = paletteFor()
  const of = asked === undefined ? '' : ` of ${asked}`
  const lines = [`consumed ${s.count}${of} from ${s.topic} as group ${s.group} in ${ms(s.elapsedMs)} (${STOPPED[s.stoppedBy]}); ${rate(s.throughput)}`]
  if (s.count > 0) {
    lines.push(`served by ${countsLine(s.byBroker)} (brokerName/brokerId: 0 master, > 0 slave)`)
    // For a backlog this is how old the messages were, not a latency of the pipeline.
    lines.push(`age at delivery (born → delivered) ${latencyLine(s.endToEndLatency)}`)
  }
  const committed = s.queues.filter((q) => q.committedOffset !== undefined)
  if (committed.length > 0)
    lines.push(
      c.dim(
        `committed offsets: ${committed.map((q) => `${q.topic === s.topic ? '' : `${q.topic} `}${q.brokerName} q${q.queueId}=${q.committedOffset}`).join(', ')}`,
      ),
    )
  if (note !== undefined) lines.push(note)
  for (const p of s.problems) lines.push(c.yellow(`  ! ${p}`))
  return lines.map((l) => wrapProse(l)).join('\n')
}
