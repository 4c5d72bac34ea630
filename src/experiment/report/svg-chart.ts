/**
 * Charts as inline SVG, drawn here when the report is written. Why no chart library: the report must
 * open with no network and no script, be one self-contained file, and show a handful of line and dot
 * charts with shaded fault windows; a small SVG writer does that in one screen of code, with nothing to
 * bundle or keep up to date, and the browser test can find every element by its class. Pure.
 */
import type {FaultWindow} from '../checker/index.js'
import type {Series} from './series.js'

const W = 860
const H = 240
const M = {l: 56, r: 16, t: 14, b: 30}
const PALETTE = ['#2f6fdf', '#d9480f', '#2b8a3e', '#9c36b5', '#e8590c', '#1098ad', '#5c940d', '#c2255c']
const OUTCOME_COLOURS: Record<string, string> = {ok: '#2b8a3e', failed: '#e03131', unknown: '#1c7ed6'}

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'})[c]!)
}

function niceMax(v: number): number {
  if (v <= 0) return 1
  const p = 10 ** Math.floor(Math.log10(v))
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p
  return 10 * p
}

export interface ChartSpec {
  id: string
  title: string
  yLabel: string
  series: Series[]
  windows: readonly FaultWindow[]
  endMs: number
  kind: 'line' | 'dots'
  logY?: boolean
  colourBy?: 'outcome'
}

export function renderChart(spec: ChartSpec): string {
  const pw = W - M.l - M.r
  const ph = H - M.t - M.b
  const xMax = Math.max(1, spec.endMs)
  const all = spec.series.flatMap((s) => s.points.map((p) => p[1]))
  // A loop, not Math.max(...all): a run with tens of thousands of sends (fast failing ones) has as many points,
  // more than a call's arguments can hold.
  const yMaxRaw = all.length > 0 ? all.reduce((m, v) => (v > m ? v : m), -Infinity) : 1
  const logY = spec.logY === true
  const yMin = logY ? 0.1 : 0
  const yMax = logY ? 10 ** Math.ceil(Math.log10(Math.max(1, yMaxRaw))) : niceMax(yMaxRaw)
  const x = (ms: number) => M.l + (ms / xMax) * pw
  const y = (v: number) =>
    logY ? M.t + ph - ((Math.log10(Math.max(v, yMin)) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin))) * ph : M.t + ph - (v / yMax) * ph
  const parts: string[] = []
  parts.push(
    `<svg class="chart" data-chart="${spec.id}" data-x-max-ms="${xMax}" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${escapeXml(spec.title)}">`,
  )
  // fault windows first, under the data
  for (const w of spec.windows) {
    const x0 = x(w.start)
    const x1 = w.end === null ? x(xMax) : Math.max(x(w.end), x0 + 2)
    parts.push(
      `<rect class="fault-window" data-fault="${escapeXml(w.label)}" data-start-ms="${w.start}" x="${x0.toFixed(1)}" y="${M.t}" width="${(x1 - x0).toFixed(1)}" height="${ph}" fill="#fa5252" fill-opacity="0.13"><title>${escapeXml(w.label)}: ${(w.start / 1000).toFixed(2)} s → ${w.end === null ? 'end' : `${(w.end / 1000).toFixed(2)} s`}</title></rect>`,
    )
    parts.push(`<text class="fault-label" x="${(x0 + 3).toFixed(1)}" y="${M.t + 11}" font-size="10" fill="#c92a2a">${escapeXml(w.label)}</text>`)
  }
  // axes and grid
  parts.push(
    `<line x1="${M.l}" y1="${M.t + ph}" x2="${M.l + pw}" y2="${M.t + ph}" stroke="#555"/><line x1="${M.l}" y1="${M.t}" x2="${M.l}" y2="${M.t + ph}" stroke="#555"/>`,
  )
  const yTicks = logY
    ? Array.from({length: Math.round(Math.log10(yMax) - Math.log10(yMin)) + 1}, (_, i) => yMin * 10 ** i)
    : [0, 0.25, 0.5, 0.75, 1].map((f) => f * yMax)
  for (const v of yTicks) {
    parts.push(
      `<line x1="${M.l}" x2="${M.l + pw}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#eee"/><text x="${M.l - 4}" y="${(y(v) + 3).toFixed(1)}" font-size="10" text-anchor="end" fill="#444">${v >= 100 || v === 0 ? Math.round(v) : Number(v.toPrecision(2))}</text>`,
    )
  }
  const xStep = niceMax(xMax / 8)
  for (let ms = 0; ms <= xMax; ms += xStep)
    parts.push(
      `<text x="${x(ms).toFixed(1)}" y="${H - 12}" font-size="10" text-anchor="middle" fill="#444">${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)}s</text>`,
    )
  parts.push(
    `<text x="12" y="${M.t + ph / 2}" font-size="10" fill="#444" transform="rotate(-90 12 ${M.t + ph / 2})" text-anchor="middle">${escapeXml(spec.yLabel)}</text>`,
  )
  spec.series.forEach((s, i) => {
    const colour = spec.colourBy === 'outcome' ? (OUTCOME_COLOURS[s.name] ?? PALETTE[i % PALETTE.length]) : PALETTE[i % PALETTE.length]
    if (spec.kind === 'line') {
      const d = s.points.map((p, k) => `${k === 0 ? 'M' : 'L'}${x(p[0]).toFixed(1)},${y(p[1]).toFixed(1)}`).join('')
      parts.push(`<path class="series" data-series="${escapeXml(s.name)}" d="${d}" fill="none" stroke="${colour}" stroke-width="1.6"/>`)
    } else {
      parts.push(
        `<g class="series" data-series="${escapeXml(s.name)}" fill="${colour}" fill-opacity="0.6">${s.points.map((p) => `<circle cx="${x(p[0]).toFixed(1)}" cy="${y(p[1]).toFixed(1)}" r="1.6"/>`).join('')}</g>`,
      )
    }
  })
  // legend
  spec.series.forEach((s, i) => {
    const colour = spec.colourBy === 'outcome' ? (OUTCOME_COLOURS[s.name] ?? PALETTE[i % PALETTE.length]) : PALETTE[i % PALETTE.length]
    const lx = M.l + pw - 150
    const ly = M.t + 12 + i * 13
    parts.push(
      `<rect x="${lx}" y="${ly - 8}" width="10" height="8" fill="${colour}"/><text x="${lx + 14}" y="${ly}" font-size="10" fill="#222">${escapeXml(s.name)}</text>`,
    )
  })
  parts.push('</svg>')
  return `<figure><figcaption>${escapeXml(spec.title)}</figcaption>${parts.join('')}</figure>`
}

/** A horizontal bar chart of counts (messages per broker and brokerId). */
export function renderBars(id: string, title: string, values: Record<string, number>): string {
  const entries = Object.entries(values).sort(([a], [b]) => a.localeCompare(b))
  const max = Math.max(1, ...entries.map(([, v]) => v))
  const rowH = 22
  const h = 20 + entries.length * rowH
  const rows = entries.map(([k, v], i) => {
    const wBar = (v / max) * 520
    const yy = 10 + i * rowH
    return `<text x="150" y="${yy + 14}" font-size="11" text-anchor="end">${escapeXml(k)}</text><rect class="bar" data-key="${escapeXml(k)}" x="156" y="${yy + 3}" width="${wBar.toFixed(1)}" height="15" fill="#4c6ef5"/><text x="${(160 + wBar).toFixed(1)}" y="${yy + 14}" font-size="11">${v}</text>`
  })
  return `<figure><figcaption>${escapeXml(title)}</figcaption><svg class="chart" data-chart="${id}" viewBox="0 0 ${W} ${h}" width="${W}" height="${h}">${rows.join('')}</svg></figure>`
}
