/** Terminal rendering of `mqlab group list | progress | connections | reset-offset`. */
import type {ConsumerConnection} from '../../../runtime/remoting/body/connection.js'
import type {AnsweredBy} from '../../client/admin/broker-call.js'
import type {GroupProgress, GroupSummary, ResetOutcome} from '../../client/admin/group-admin.js'
import {paletteFor} from '../palette.js'
import {renderTable} from '../table.js'
import {formatShortTime, servedByText} from './admin-time.js'

/** mqadmin consumerProgress without -g: group, clients, type, model, TPS, lag. */
export function renderGroupList(rows: GroupSummary[]): string {
  if (rows.length === 0) return 'no consumer groups'
  return renderTable(
    ['group', 'clients', 'type', 'model', 'tps', 'lag'],
    rows.map((r) => [r.group, String(r.clients), shortType(r.consumeType), r.messageModel ?? '-', r.consumeTps.toFixed(1), String(r.diff)]),
  )
}

function shortType(t: string | undefined): string {
  return t === 'CONSUME_PASSIVELY' ? 'push' : t === 'CONSUME_ACTIVELY' ? 'pull' : '-'
}

/** A client id cut to 15 characters (its end tells clients of one host apart), so rows fit 80 columns. */
function shortClient(id: string | undefined): string {
  if (id === undefined) return '-'
  return id.length <= 15 ? id : `…${id.slice(-14)}`
}

/** mqadmin consumerProgress -g: per queue, broker and group offset, lag, last consumed, client. */
export function renderGroupProgress(p: GroupProgress): string {
  const c = paletteFor()
  const multiTopic = new Set(p.queues.map((q) => q.topic)).size > 1
  const head = [...(multiTopic ? ['topic'] : []), 'queue', 'broker off', 'group off', 'lag', 'last consumed', 'client']
  const rows = p.queues.map((q) => [
    ...(multiTopic ? [q.topic] : []),
    `${q.brokerName}/${q.queueId}`,
    String(q.brokerOffset),
    String(q.consumerOffset),
    q.diff > 0 ? c.yellow(String(q.diff)) : String(q.diff),
    formatShortTime(q.lastTimestamp),
    shortClient(q.clientId),
  ])
  const lines: string[] = []
  const topics = [...new Set(p.queues.map((q) => q.topic))]
  lines.push(
    `group ${p.group}${topics.length === 1 ? ` on ${topics[0]}` : ''}: lag ${p.totalDiff}, ${p.consumeTps.toFixed(1)} msg/s, ${p.clients.length} client${p.clients.length === 1 ? '' : 's'} online`,
  )
  lines.push(p.queues.length === 0 ? 'no committed offsets on any broker' : renderTable(head, rows))
  lines.push(...answered(p.answeredBy, p.unanswered))
  if (p.clients.length > 0) lines.push('client column: the owner AllocateMessageQueueAveragely gives each queue among the online clients')
  return lines.join('\n')
}

function answered(by: AnsweredBy[], missing: Array<{brokerName: string; error: string}>): string[] {
  const c = paletteFor()
  const out = by.filter((a) => a.brokerId !== 0).map((a) => c.yellow(`${a.brokerName}: master did not answer; figures from ${servedByText(a)}`))
  for (const u of missing) out.push(c.red(`${u.brokerName}: no broker answered: ${u.error}`))
  return out
}

/** The group's clients and subscriptions (mqadmin consumerConnection). */
export function renderGroupConnections(group: string, conn: ConsumerConnection & {answeredBy: AnsweredBy}): string {
  const lines = [
    `group ${group}: ${conn.connectionSet.length} client${conn.connectionSet.length === 1 ? '' : 's'}, ${conn.consumeType ?? '?'}, ${conn.messageModel ?? '?'}, ${conn.consumeFromWhere ?? '?'}`,
  ]
  lines.push(
    renderTable(
      ['client id', 'address', 'language', 'version'],
      conn.connectionSet.map((x) => [x.clientId, x.clientAddr, x.language, String(x.version)]),
    ),
  )
  const subs = Object.values(conn.subscriptionTable)
  if (subs.length > 0)
    lines.push(
      renderTable(
        ['topic', 'expression'],
        subs.map((s) => [s.topic, s.subString]),
      ),
    )
  lines.push(`as seen by ${conn.answeredBy.brokerName}'s ${servedByText(conn.answeredBy)}`)
  return lines.join('\n')
}

/** Each broker's new offsets. */
export function renderResetOffset(group: string, topic: string, outcomes: ResetOutcome[]): string {
  const c = paletteFor()
  const lines: string[] = []
  const rows = outcomes.flatMap((o) => o.queues.map((q) => [q.brokerName, String(q.queueId), String(q.offset)]))
  if (rows.length > 0) lines.push(renderTable(['broker', 'queue', 'new offset'], rows))
  for (const o of outcomes) {
    if (!o.ok) lines.push(c.red(`✗ ${o.brokerName}: ${o.error ?? 'failed'}`))
    else
      lines.push(`${c.green('✓')} ${o.brokerName}: ${o.via === 'clients' ? 'pushed to the online clients, which commit it' : 'committed (no client online)'}`)
  }
  const ok = outcomes.filter((o) => o.ok).length
  lines.push(`group ${group} on ${topic}: reset on ${ok} of ${outcomes.length} broker group${outcomes.length === 1 ? '' : 's'}`)
  return lines.join('\n')
}
