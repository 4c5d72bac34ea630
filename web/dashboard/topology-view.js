// The Topology view: the lab as an SVG picture.
import {h} from 'preact'
import htm from 'htm'

const html = htm.bind(h)
const fmt = (n) => (n === null || n === undefined ? '—' : n.toLocaleString('en'))

const STATE_FILL = {running: '#e8f5e9', paused: '#fff3e0', crashed: '#ffebee', stopped: '#eeeeee'}
const LINK_COLOUR = {'in-sync': '#2e7d32', 'falling-behind': '#e65100', disconnected: '#c62828', diverged: '#c62828', unknown: '#9e9e9e'}

// The lab as a picture: name servers on top; a column per broker group with its members (master first),
// each coloured by state and labelled with its host and role now; master→slave links coloured by the
// slave's replication status and labelled with its lag.
export function TopologyView({snap}) {
  const namesrvs = snap.nodes.filter((n) => n.kind === 'namesrv')
  const groups = [...new Set(snap.nodes.filter((n) => n.brokerName).map((n) => n.brokerName))].sort()
  const W = 220,
    GAP = 40
  // DLedger members get a fourth line: raft role, term, committed index (from their runtime info).
  const H = snap.nodes.some((n) => n.raft) ? 74 : 58
  const width = Math.max(namesrvs.length, groups.length) * (W + GAP) + GAP
  const pos = new Map()
  namesrvs.forEach((n, i) => pos.set(n.name, {x: GAP + i * (W + GAP), y: 20}))
  let height = 120
  groups.forEach((g, gi) => {
    const members = snap.nodes.filter((n) => n.brokerName === g).sort((a, b) => rank(a) - rank(b))
    members.forEach((n, i) => pos.set(n.name, {x: GAP + gi * (W + GAP), y: 140 + i * (H + 50)}))
    height = Math.max(height, 140 + members.length * (H + 50))
  })
  const byAddr = new Map(snap.nodes.map((n) => [n.addr, n]))
  const links = []
  for (const g of snap.replication.ok ? snap.replication.value.groups : []) {
    const master = g.master && byAddr.get(g.master.addr)
    for (const s of g.slaves) {
      const slave = byAddr.get(s.addr)
      if (master && slave && pos.has(master.name) && pos.has(slave.name))
        links.push({from: pos.get(master.name), to: pos.get(slave.name), s, name: `${master.name}->${slave.name}`})
    }
  }
  const box = (n) => {
    const p = pos.get(n.name)
    const host = n.addr.split(':')[0]
    return html`<g data-node=${n.name} data-state=${n.state} transform=${`translate(${p.x},${p.y})`}>
      <rect width=${W} height=${H} rx="6" fill=${STATE_FILL[n.state] ?? '#fff'} stroke="#607d8b" />
      <text x="8" y="17" font-weight="bold">${n.name}</text>
      <text x="8" y="34">${n.state} · ${n.role}${n.roleSource === 'file' && n.kind === 'broker' ? ' (file)' : ''}</text>
      <text x="8" y="50" fill="#666">host ${host}</text>
      ${n.raft ? html`<text x="8" y="66" class="raft" fill=${n.raft.role === 'LEADER' ? '#1565c0' : '#555'}>raft ${n.raft.role} · term ${n.raft.term} · committed ${fmt(n.raft.committedIndex)}</text>` : null}</g
    >`
  }
  return html`<section>
    <h2>Topology</h2>
    <svg id="topology" width=${width} height=${height} font-size="12" font-family="system-ui, sans-serif">
      ${groups.map((g, gi) => html`<text x=${GAP + gi * (W + GAP)} y="125" font-weight="bold" fill="#37474f">${g}</text>`)}
      ${links.map(
        (l) =>
          html`<g data-link=${l.name} data-status=${l.s.status}>
            <line
              x1=${l.from.x + W / 2}
              y1=${l.from.y + H}
              x2=${l.to.x + W / 2}
              y2=${l.to.y}
              stroke=${LINK_COLOUR[l.s.status] ?? '#9e9e9e'}
              stroke-width="3"
              stroke-dasharray=${l.s.status === 'in-sync' ? '' : '6 4'}
            />
            <text x=${l.from.x + W / 2 + 6} y=${(l.from.y + H + l.to.y) / 2 + 4} fill=${LINK_COLOUR[l.s.status] ?? '#9e9e9e'}
              >${l.s.status}, lag ${fmt(l.s.lagBytes)} B</text
            ></g
          >`,
      )}
      ${snap.nodes.filter((n) => pos.has(n.name)).map(box)}
    </svg>
    <p class="note">
      DLedger groups show each member's raft role, term and committed index; the leader registers as the group's master. Boxes: green running, orange paused,
      red crashed, grey stopped. Links: master → slave HA replication, solid when in sync. A dead master has no link: the name servers no longer list it.
    </p>
  </section>`
}

function rank(n) {
  return n.role === 'master' ? 0 : n.fileRole === 'ASYNC_MASTER' || n.fileRole === 'SYNC_MASTER' ? 1 : 2 + (n.brokerId ?? 0)
}
