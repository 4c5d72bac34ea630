// The Replication view's charts (uPlot): lag per slave, send results by status, over the last looks.
import {h} from 'preact'
import {useEffect, useRef} from 'preact/hooks'
import htm from 'htm'
import uPlot from 'uplot'

const html = htm.bind(h)

export function LagChart({series}) {
  return html`<${Chart} series=${series} field="slaves" title="lag (bytes) per slave" /><${Chart}
      series=${series}
      field="sends"
      title="send results in the last 60 s, by status"
    />`
}

function Chart({series, field, title}) {
  const ref = useRef(null)
  const plot = useRef(null)
  const keys = series ? Object.keys(series[field]) : []
  useEffect(() => {
    if (!series || !ref.current || keys.length === 0) return
    const data = [series.times.map((t) => t / 1000), ...keys.map((k) => series[field][k])]
    if (plot.current && plot.current.series.length === keys.length + 1) plot.current.setData(data)
    else {
      plot.current?.destroy()
      const opts = {
        title,
        width: 720,
        height: 180,
        series: [{}, ...keys.map((k, i) => ({label: k, stroke: ['#1f77b4', '#d62728', '#2ca02c', '#9467bd'][i % 4], spanGaps: false}))],
        axes: [{}, {size: 70}],
      }
      plot.current = new uPlot(opts, data, ref.current)
    }
  })
  useEffect(() => () => plot.current?.destroy(), [])
  return keys.length === 0 ? null : html`<div class="chart" data-chart=${field} ref=${ref}></div>`
}
