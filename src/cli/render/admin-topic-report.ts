/** Terminal rendering of `mqlab topic status | delete`. */
import type {DeleteTopicResult, TopicStatusResult} from '../../client/admin/topic-admin.js'
import {paletteFor} from '../palette.js'
import {renderTable} from '../table.js'
import {formatStoreTime, servedByText} from './admin-time.js'

/** Per broker and queue: min/max offset, messages kept, last store time (mqadmin topicStatus). */
export function renderTopicStatus(r: TopicStatusResult): string {
  const c = paletteFor()
  const table = renderTable(
    ['broker', 'queue', 'min offset', 'max offset', 'messages', 'last update'],
    r.queues.map((q) => [
      q.brokerName,
      String(q.queueId),
      String(q.minOffset),
      String(q.maxOffset),
      String(Math.max(0, q.maxOffset - q.minOffset)),
      formatStoreTime(q.lastUpdateTimestamp),
    ]),
  )
  const lines = [`status of ${r.topic}: ${r.totalMessages} message${r.totalMessages === 1 ? '' : 's'} stored`, table]
  for (const a of r.answeredBy)
    lines.push(
      `${a.brokerName}: answered by ${a.brokerId === 0 ? 'its ' : ''}${servedByText(a)}${a.brokerId === 0 ? '' : c.yellow(' (its master did not answer)')}`,
    )
  for (const u of r.unanswered) {
    lines.push(c.red(`${u.brokerName}: no usable answer: ${u.error}`))
    // A slave copies its master's topics every 10 s (SlaveSynchronize); one that has not yet says so.
    if (/slave \d+ .*TOPIC_NOT_EXIST/.test(u.error)) lines.push(`  its slave has not copied ${r.topic} from its master yet (slaves sync topics every 10 s)`)
  }
  return lines.join('\n')
}

/** One line per broker and name server asked. */
export function renderTopicDelete(r: DeleteTopicResult): string {
  const c = paletteFor()
  const lines = r.outcomes.map(
    (o) => `${o.ok ? c.green('✓') : c.red('✗')} ${o.kind === 'broker' ? `master ${o.name}` : 'name server'} ${o.addr}${o.ok ? '' : `: ${o.error ?? 'failed'}`}`,
  )
  const ok = r.outcomes.filter((o) => o.ok).length
  lines.push(`topic ${r.topic}: deleted on ${ok} of ${r.outcomes.length}`)
  return lines.join('\n')
}
