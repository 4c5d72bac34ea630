/* global document, window, EventSource, fetch */
// The dashboard page: preact + htm views over the state the server pushes (GET /api/stream, SSE), uPlot
// charts for replication lag. No build-time JSX: htm's tagged templates keep this a plain module.
import {h, render} from 'preact'
import {useEffect, useState} from 'preact/hooks'
import htm from 'htm'
import {LagChart} from './lag-chart.js'
import {TopologyView} from './topology-view.js'
import 'uplot/dist/uPlot.min.css'
import './style.css'

const html = htm.bind(h)
const TOKEN = document.querySelector('meta[name="mqlab-token"]').content
const VIEWS = ['Cluster', 'Topology', 'Replication', 'Topics & groups', 'Events']

function App() {
  const [state, setState] = useState(null)
  const [connected, setConnected] = useState(false)
  const [view, setView] = useState(() => VIEWS.find((v) => slug(v) === window.location.hash.slice(1)) ?? 'Cluster')
  const [pending, setPending] = useState(null)
  const [outcome, setOutcome] = useState(null)
  useEffect(() => {
    const es = new EventSource('/api/stream')
    es.addEventListener('state', (e) => setState(JSON.parse(e.data)))
    es.onopen = () => setConnected(true)
    es.onerror = () => setConnected(false)
    return () => es.close()
  }, [])
  const ask = async (node, action) => {
    let prediction = null
    if (action === 'kill' || action === 'pause') {
      const r = await fetch(`/api/predict?node=${encodeURIComponent(node)}&signal=${action === 'kill' ? 'SIGKILL' : 'SIGSTOP'}`)
      prediction = (await r.json()).prediction ?? null
    }
    setPending({node, action, prediction})
  }
  const act = async () => {
    const {node, action} = pending
    setPending(null)
    setOutcome({node, action, running: true})
    const r = await fetch('/api/action', {
      method: 'POST',
      headers: {'content-type': 'application/json', 'x-mqlab-token': TOKEN},
      body: JSON.stringify({node, action}),
    })
    setOutcome({node, action, ...(await r.json())})
  }
  const snap = state?.snapshot
  return html` <header>
      <h1>mqlab</h1>
      <span class="dir">${snap?.dir ?? ''}</span>
      <nav>
        ${VIEWS.map((v) => html`<a href=${'#' + slug(v)} class=${v === view ? 'active' : ''} data-view=${slug(v)} onClick=${() => setView(v)}>${v}</a>`)}
      </nav>
      <span id="live" class=${connected ? 'ok' : 'bad'}>${connected ? 'live' : 'disconnected'}</span>
      <span id="updated">${snap ? new Date(snap.takenAt).toLocaleTimeString() : ''}</span>
    </header>
    ${outcome && html`<${Outcome} outcome=${outcome} close=${() => setOutcome(null)} />`}
    ${pending && html`<${Confirm} pending=${pending} yes=${act} no=${() => setPending(null)} />`}
    <main>
      ${!snap ? html`<p>waiting for the first look at the lab…</p>` : view === 'Cluster' ? html`<${ClusterView} snap=${snap} ask=${ask} />` : view === 'Topology' ? html`<${TopologyView} snap=${snap} />` : view === 'Replication' ? html`<${ReplicationView} snap=${snap} lag=${state.lag} />` : view === 'Topics & groups' ? html`<${TopicsView} snap=${snap} />` : html`<${EventsView} events=${state.events} />`}
    </main>`
}

const slug = (v) => v.toLowerCase().replace(/[^a-z]+/g, '-')
const fmt = (n) => (n === null || n === undefined ? '—' : typeof n === 'number' ? n.toLocaleString('en') : String(n))
const partError = (p) => (p.ok ? null : html`<p class="error">${p.error}</p>`)

function actionsFor(node) {
  if (node.state === 'running') return ['kill', 'stop', 'pause', ...(node.kind === 'broker' && node.fileRole === 'SLAVE' ? ['promote'] : [])]
  if (node.state === 'paused') return ['resume', 'kill']
  return ['start', ...(node.kind === 'broker' && node.fileRole === 'SLAVE' ? ['promote'] : []), ...(node.state === 'crashed' ? ['stop'] : [])]
}

function ClusterView({snap, ask}) {
  const rows = snap.cluster.ok ? snap.cluster.value : []
  const groups = [...new Set(snap.nodes.filter((n) => n.brokerName).map((n) => n.brokerName))].sort()
  return html` <section>
    <h2>Broker groups</h2>
    <div class="groups">
      ${groups.map((g) => {
        const reg = rows.filter((r) => r.brokerName === g)
        const master = reg.find((r) => r.brokerId === 0)
        const serving = master
          ? `served by its master ${master.addr}`
          : reg.length > 0
            ? `no master: readable from slave ${reg.map((r) => r.addr).join(', ')}, not writable`
            : 'not served: no broker registered'
        return html`<div class=${'group ' + (master ? 'ok' : reg.length > 0 ? 'warn' : 'bad')} data-group=${g}>
          <b>${g}</b> <span class="serving">${serving}</span>
        </div>`
      })}
    </div>
    <h2>Nodes the lab expects</h2>
    <table id="nodes">
      <thead>
        <tr>
          <th>node</th>
          <th>state</th>
          <th>role now</th>
          <th>role in file</th>
          <th>broker</th>
          <th>address</th>
          <th>pid</th>
          <th>commitlog max</th>
          <th>note</th>
          <th>controls</th>
        </tr>
      </thead>
      <tbody>
        ${snap.nodes.map(
          (n) =>
            html` <tr data-node=${n.name} class=${'state-' + n.state}>
              <td>${n.name}</td>
              <td class="state">${n.state}</td>
              <td class="role">${n.role}${n.roleSource === 'file' && n.kind === 'broker' ? ' (file)' : ''}</td>
              <td class="file-role">${n.fileRole}</td>
              <td>${n.brokerName ?? ''}${n.brokerId !== null ? ` #${n.brokerId}` : ''}</td>
              <td>${n.addr}</td>
              <td>${n.pid ?? ''}</td>
              <td class="num">${fmt(n.commitLogMaxOffset)}</td>
              <td class="note">${n.note ?? ''}</td>
              <td>${actionsFor(n).map((a) => html`<button class=${'ctl ' + a} data-action=${a} onClick=${() => ask(n.name, a)}>${a}</button>`)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    <h2>Cluster (as rocketmq-console's cluster tab)</h2>
    ${partError(snap.cluster)}
    <table id="cluster">
      <thead>
        <tr>
          <th>cluster</th>
          <th>broker name</th>
          <th>BID</th>
          <th>address</th>
          <th>version</th>
          <th>in TPS</th>
          <th>out TPS</th>
          <th>in today</th>
          <th>out today</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (r) =>
            html` <tr data-broker=${r.brokerName} data-bid=${r.brokerId}>
              <td>${r.cluster}</td>
              <td>${r.brokerName}</td>
              <td>${r.brokerId}${r.brokerId === 0 ? ' (master)' : ''}</td>
              <td>${r.addr}</td>
              <td>${r.version ?? r.error ?? ''}</td>
              <td class="num">${fmt(r.inTps)}</td>
              <td class="num">${fmt(r.outTps)}</td>
              <td class="num">${fmt(r.inTotalToday)}</td>
              <td class="num">${fmt(r.outTotalToday)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </section>`
}

function ReplicationView({snap, lag}) {
  const rep = snap.replication
  return html`<section>
    ${partError(rep)} ${rep.ok && rep.value.groups.length === 0 ? html`<p>no broker group is registered</p>` : null}
    ${(rep.ok ? rep.value.groups : []).map(
      (g) =>
        html` <div class="repl-group" data-group=${g.brokerName}>
          <h2>
            ${g.brokerName}
            <small
              >${g.master ? `master ${g.master.addr}, commitlog max ${fmt(g.master.maxPhyOffset)}, in sync ${fmt(g.master.inSyncSlaves)}` : 'no master registered'}</small
            >
          </h2>
          ${
            g.master?.sendStatusCounts
              ? html`<p class="sends">
                  send results, last 60 s:
                  ${
                    Object.entries(g.master.sendStatusCounts)
                      .map(([k, v]) => `${k} ${v}`)
                      .join(', ') || 'none'
                  }
                </p>`
              : null
          }
          <table class="slaves">
            <thead>
              <tr>
                <th>slave</th>
                <th>BID</th>
                <th>status</th>
                <th>lag bytes</th>
                <th>lag messages</th>
                <th>link</th>
                <th>last contact</th>
                <th>bytes/s</th>
                <th>error</th>
              </tr>
            </thead>
            <tbody>
              ${g.slaves.map(
                (s) =>
                  html`<tr data-slave=${s.addr} class=${'repl-' + s.status}>
                    <td>${s.addr}</td>
                    <td>${s.brokerId}</td>
                    <td class="status">${s.status}</td>
                    <td class="num">${fmt(s.lagBytes)}</td>
                    <td class="num">${fmt(s.lagMessages)}</td>
                    <td>${s.connectionState ?? ''}</td>
                    <td>${s.lastContactAgoMs === null ? '' : `${(s.lastContactAgoMs / 1000).toFixed(1)} s ago`}</td>
                    <td class="num">${fmt(s.bytesPerSecond)}</td>
                    <td>${s.lastError ?? s.error ?? ''}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
          ${g.notes.map((n) => html`<p class="note">${n}</p>`)}
          <${LagChart} series=${lag.find((l) => l.brokerName === g.brokerName)} />
        </div>`,
    )}
  </section>`
}

function TopicsView({snap}) {
  return html`<section>
    <h2>Topics</h2>
    ${partError(snap.topics)}
    ${(snap.topics.ok ? snap.topics.value : []).map(
      (t) =>
        html`<div class="topic" data-topic=${t.topic}>
          <h3>
            ${t.topic}
            <small
              >${fmt(t.totalMessages)} messages kept${t.unanswered.length ? `; no answer from ${t.unanswered.map((u) => u.brokerName).join(', ')}` : ''}</small
            >
          </h3>
          <table>
            <thead>
              <tr>
                <th>broker</th>
                <th>queue</th>
                <th>min offset</th>
                <th>max offset</th>
                <th>last update</th>
              </tr>
            </thead>
            <tbody>
              ${t.queues.map(
                (q) =>
                  html`<tr>
                    <td>${q.brokerName}</td>
                    <td>${q.queueId}</td>
                    <td class="num">${fmt(q.minOffset)}</td>
                    <td class="num">${fmt(q.maxOffset)}</td>
                    <td>${q.lastUpdateTimestamp ? new Date(q.lastUpdateTimestamp).toLocaleTimeString() : ''}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>`,
    )}
    <h2>Consumer groups</h2>
    ${partError(snap.groups)}
    ${(snap.groups.ok ? snap.groups.value : []).map(
      (g) =>
        html`<div class="cgroup" data-cgroup=${g.group}>
          <h3>${g.group} <small>lag ${fmt(g.totalDiff)}, ${fmt(g.consumeTps)} msg/s, ${g.clients.length} client(s)</small></h3>
          <table>
            <thead>
              <tr>
                <th>topic</th>
                <th>broker</th>
                <th>queue</th>
                <th>broker offset</th>
                <th>group offset</th>
                <th>lag</th>
                <th>client</th>
              </tr>
            </thead>
            <tbody>
              ${g.queues.map(
                (q) =>
                  html`<tr>
                    <td>${q.topic}</td>
                    <td>${q.brokerName}</td>
                    <td>${q.queueId}</td>
                    <td class="num">${fmt(q.brokerOffset)}</td>
                    <td class="num">${fmt(q.consumerOffset)}</td>
                    <td class="num">${fmt(q.diff)}</td>
                    <td>${q.clientId ?? ''}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>`,
    )}
  </section>`
}

function EventsView({events}) {
  return html`<section>
    <h2>Events</h2>
    ${events.length === 0 ? html`<p>nothing has changed since the dashboard started</p>` : null}
    <ul id="events">
      ${[...events].reverse().map((e) => html`<li class=${'ev-' + e.kind} data-kind=${e.kind} data-subject=${e.subject}><time>${new Date(e.at).toLocaleTimeString()}</time> <span class="kind">${e.kind}</span> ${e.text}</li>`)}
    </ul>
  </section>`
}

function Confirm({pending, yes, no}) {
  const p = pending.prediction
  return html`<div id="confirm" class="modal">
    <div class="box">
      <h2>${pending.action} ${pending.node}?</h2>
      ${
        p
          ? html`<div class="prediction">
              <p>What RocketMQ 4.9.8 does next in this lab (as <code>mqlab ${pending.action}</code> narrates):</p>
              <ul>
                ${p.effects.map((e) => html`<li>${e}</li>`)}
              </ul>
              ${p.next.length ? html`<p>next: ${p.next.map((c) => html`<code>${c}</code> `)}</p>` : null}
            </div>`
          : null
      }
      <button id="confirm-yes" class="danger" onClick=${yes}>${pending.action}</button> <button id="confirm-no" onClick=${no}>cancel</button>
    </div>
  </div>`
}

function Outcome({outcome, close}) {
  const p = outcome.result?.prediction
  return html`<div id="outcome" class=${outcome.running ? 'running' : outcome.ok ? 'ok' : 'bad'}>
    <b>${outcome.action} ${outcome.node}</b>:
    ${outcome.running ? 'running…' : outcome.ok ? `done${outcome.result?.state ? `, now ${outcome.result.state}` : ''}` : `${outcome.error}${outcome.suggestion ? ` (${outcome.suggestion})` : ''}`}
    ${
      p
        ? html`<ul>
            ${p.effects.map((e) => html`<li>${e}</li>`)}
          </ul>`
        : null
    } <button onClick=${close}>×</button>
  </div>`
}

const root = document.getElementById('app')
root.textContent = ''
render(html`<${App} />`, root)
