/** Terminal rendering of `mqlab topic create | list | route`. */
import type {TopicRouteData} from '../../../runtime/remoting/body/topic-route-data.js'
import type {CreateTopicResult} from '../../client/admin/mq-admin.js'
import {paletteFor} from '../palette.js'
import {renderTable, wrapProse} from '../table.js'

/** "rw-", as mqadmin shows a topic's perm (4 read, 2 write, 1 inherit). */
export function permText(perm: number): string {
  return `${perm & 4 ? 'r' : '-'}${perm & 2 ? 'w' : '-'}${perm & 1 ? 'i' : '-'}`
}

/** One line per broker asked, then a verdict. */
export function renderTopicCreate(r: CreateTopicResult): string {
  const c = paletteFor()
  const lines = r.brokers.map((b) =>
    b.ok ? `${c.green('✓')} ${b.cluster}/${b.brokerName} ${b.addr}` : `${c.red('✗')} ${b.cluster}/${b.brokerName} ${b.addr}: ${b.error ?? 'failed'}`,
  )
  const ok = r.brokers.filter((b) => b.ok).length
  for (const k of r.skipped ?? []) {
    lines.push(
      c.yellow(
        wrapProse(
          `- ${k.cluster}/${k.brokerName} skipped: its master is down${k.slaves.length > 0 ? ` (slave ${k.slaves.join(', ')} cannot create topics)` : ''}; create ${r.topic} there again once the master is back`,
        ),
      ),
    )
  }
  lines.push(
    `topic ${r.topic}: ${r.readQueueNums} read / ${r.writeQueueNums} write queues, perm ${permText(r.perm)}, on ${ok} of ${r.brokers.length} master${r.brokers.length === 1 ? '' : 's'}${(r.skipped?.length ?? 0) > 0 ? `; ${r.skipped.length} group${r.skipped.length === 1 ? '' : 's'} without a master skipped` : ''}`,
  )
  return lines.join('\n')
}

/** One topic per line (as mqadmin topicList). */
export function renderTopicList(topics: readonly string[]): string {
  return topics.length === 0 ? 'no topics' : topics.join('\n')
}

/** The brokers serving a topic and its queue counts per broker. */
export function renderTopicRoute(topic: string, route: TopicRouteData): string {
  const brokers = renderTable(
    ['broker name', 'cluster', 'brokerId', 'role', 'address'],
    [...route.brokerDatas]
      .sort((a, b) => a.brokerName.localeCompare(b.brokerName))
      .flatMap((b) =>
        Object.keys(b.brokerAddrs)
          .sort((x, y) => Number(x) - Number(y))
          .map((id) => [b.brokerName, b.cluster, id, id === '0' ? 'master' : 'slave', b.brokerAddrs[id]!]),
      ),
  )
  const queues = renderTable(
    ['broker name', 'read queues', 'write queues', 'perm'],
    [...route.queueDatas]
      .sort((a, b) => a.brokerName.localeCompare(b.brokerName))
      .map((q) => [q.brokerName, String(q.readQueueNums), String(q.writeQueueNums), permText(q.perm)]),
  )
  return [`route of ${topic}`, brokers, queues].join('\n')
}
