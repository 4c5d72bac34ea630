import fs from 'node:fs'
import test from 'ava'
import {chromium} from 'playwright-core'
import {experimentWorkspace} from './experiment-helpers.js'

// The HTML report opened in headless Chromium (Debian's chromium; .ci/run installs it): it renders with
// no network, its charts exist and show the fault window where the fault happened.
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p))

test('the kill-master report renders offline in Chromium: verdict, five charts, the kill window shaded at its time', async (t) => {
  t.timeout(170_000)
  t.truthy(CHROMIUM, 'chromium is installed (apt-get install chromium)')
  const ws = await experimentWorkspace(t)
  const run = await ws.run(['experiment', 'run', 'kill-master', '--template', '2m-noslave', '--dir', 'lab', '--fast'])
  t.is(run.exitCode, 0, run.stdout)
  const report = run.json.result.report
  const kill = run.json.result.check.windows[0]
  const browser = await chromium.launch({executablePath: CHROMIUM!, args: ['--no-sandbox']})
  t.teardown(() => browser.close())
  const page = await browser.newPage()
  const requests: string[] = []
  page.on('request', (r) => requests.push(r.url()))
  await page.goto(`file://${report.html}`)
  t.deepEqual(
    requests.filter((u) => !u.startsWith('file://')),
    [],
    'no network request',
  )
  t.is(await page.locator('#verdict').textContent(), 'VALID')
  t.is(await page.locator('svg.chart').count(), 5)
  for (const id of ['throughput', 'latency', 'deliveries']) {
    const chart = page.locator(`svg.chart[data-chart="${id}"]`)
    t.true(await chart.isVisible(), id)
    const win = chart.locator('rect.fault-window')
    t.is(await win.count(), 1, `${id} shows the fault window`)
    t.is(await win.getAttribute('data-fault'), 'kill broker-a-master')
    const box = (await win.boundingBox())!
    const chartBox = (await chart.boundingBox())!
    t.true(box.width > 1 && box.x > chartBox.x && box.x + box.width <= chartBox.x + chartBox.width + 1)
    // The window starts where the kill happened on the chart's time axis (viewBox units: plot from 56 to 844).
    t.is(Number(await win.getAttribute('data-start-ms')), kill.start)
    const xMax = Number(await chart.getAttribute('data-x-max-ms'))
    const x = Number(await win.getAttribute('x'))
    t.true(Math.abs(x - (56 + (kill.start / xMax) * (860 - 56 - 16))) < 1, `window at x=${x}`)
    t.true(x > 56 && x < 844, 'inside the plot area')
  }
  t.true((await page.locator('svg[data-chart="throughput"] path.series').count()) >= 1, 'a throughput line is drawn')
  t.true((await page.locator('svg[data-chart="latency"] circle').count()) > 10, 'latency dots are drawn')
  t.regex((await page.locator('table.outcome-table').textContent()) ?? '', /lost/)
  t.regex((await page.locator('table.claims').textContent()) ?? '', /No slave/)
  t.regex((await page.locator('table.predicted-measured').textContent()) ?? '', /broker-a-master/)
})
