/** Terminal rendering of `mqlab cluster`, with mqadmin clusterList's columns. */
import type {ClusterListRow} from '../../client/admin/cluster-list.js'
import {paletteFor} from '../palette.js'
import {renderTable} from '../table.js'

/** The table, and a line per broker whose runtime info could not be read. */
export function renderClusterList(rows: readonly ClusterListRow[]): string {
  if (rows.length === 0) return 'no broker is registered with the name servers'
  const c = paletteFor()
  const num = (v: number | undefined, digits = 2) => (v === undefined ? '' : v.toFixed(digits))
  const table = renderTable(
    ['cluster', 'broker name', 'BID', 'address', 'version', 'in TPS', 'out TPS', 'in today', 'out today', '#hour', '#space'],
    rows.map((r) => [
      r.cluster,
      r.brokerName,
      r.brokerId === 0 ? '0' : c.yellow(String(r.brokerId)),
      r.addr,
      r.version ?? '',
      num(r.inTps),
      num(r.outTps),
      r.inTotalToday === undefined ? '' : String(r.inTotalToday),
      r.outTotalToday === undefined ? '' : String(r.outTotalToday),
      num(r.hoursSinceEarliestMessage, 1),
      num(r.commitLogDiskRatio, 4),
    ]),
    // On a narrow terminal: the day totals, the age, then the (usually single) cluster name go first.
    {dropOrder: [7, 8, 9, 0]},
  )
  const errors = rows.filter((r) => r.error !== undefined).map((r) => c.yellow(`  ! ${r.brokerName}/${r.brokerId} ${r.addr}: ${r.error}`))
  return [table, "BID 0 is the master, > 0 a slave; TPS are the broker's last-10-second rates", ...errors].join('\n')
}
