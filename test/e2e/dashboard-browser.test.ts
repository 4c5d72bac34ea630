import test from 'ava'
import fs from 'node:fs'
import path from 'node:path'
import {chromium, type Page} from 'playwright-core'
import {guardLab, movePortsToFree, mqlab, tempDir} from '../helpers/lab-cli.js'
import {artifactsDir, CHROMIUM, startDashboard} from './dashboard-helpers.js'

// The dashboard in headless Chromium against a real lab (namesrv-1, broker-a-master, broker-a-slave):
// every node with its role; a state change made from the CLI shows up in the open page; kill on
// broker-a-master, confirmed after reading the prediction, shows it crashed and broker-a served from its
// slave; the Events view has both. Screenshots of each view go to test-artifacts/dashboard/.
// Waits are generous (the page updates about once a second): no wall-clock assertion, only the times logged.
const WAIT = {timeout: 20_000}
// Functions passed to page.waitForFunction run in the page, where document exists (tsconfig has no DOM lib).
declare const document: {querySelector(s: string): {textContent: string | null} | null}

async function cell(page: Page, node: string, column: string): Promise<string> {
  return ((await page.locator(`table#nodes tr[data-node="${node}"] td.${column}`).textContent()) ?? '').trim()
}

async function waitForCell(page: Page, node: string, column: string, text: string): Promise<void> {
  await page.waitForFunction(
    ([n, c, x]) => document.querySelector(`table#nodes tr[data-node="${n}"] td.${c}`)?.textContent?.trim() === x,
    [node, column, text] as const,
    WAIT,
  )
}

test('the dashboard lists every node with its role, follows a CLI pause, and kills broker-a-master from the page', async (t) => {
  t.timeout(180_000)
  t.truthy(CHROMIUM, 'chromium is installed (apt-get install chromium)')
  const cwd = await tempDir(t)
  t.is((await mqlab(cwd, ['init', '2m-2s-async', '--dir', 'lab', '--namesrv', '1'])).exitCode, 0)
  const lab = path.join(cwd, 'lab')
  // One broker group is enough here, and keeps the 2-core machine free.
  for (const f of ['broker-b.properties', 'broker-b-s.properties']) fs.rmSync(path.join(lab, 'conf', f))
  await movePortsToFree(lab)
  const guard = guardLab(t, lab)
  const up = await mqlab(cwd, ['up', '--dir', 'lab'])
  guard.track()
  t.is(up.exitCode, 0, up.stdout + up.stderr)
  t.is((await mqlab(cwd, ['send', '--topic', 'TopicTest', '-n', '10', '--dir', 'lab'])).exitCode, 0)

  const dash = await startDashboard(t, cwd, 'lab')
  const browser = await chromium.launch({executablePath: CHROMIUM!, args: ['--no-sandbox']})
  t.teardown(() => browser.close())
  const page = await browser.newPage({viewport: {width: 1400, height: 900}})
  const foreign: string[] = []
  page.on('request', (r) => {
    if (!r.url().startsWith(dash.url)) foreign.push(r.url())
  })
  const shots = artifactsDir()
  const began = Date.now()
  await page.goto(dash.url)
  await page.locator('table#nodes tr[data-node="broker-a-slave"]').waitFor(WAIT)
  t.log(`page load to the first node table: ${Date.now() - began} ms`)

  // Every node the lab expects, with its role registered now and in its file.
  t.deepEqual(await page.locator('table#nodes tr[data-node]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-node'))), [
    'namesrv-1',
    'broker-a-master',
    'broker-a-slave',
  ])
  await waitForCell(page, 'broker-a-slave', 'role', 'slave')
  t.is(await cell(page, 'namesrv-1', 'role'), 'namesrv')
  t.is(await cell(page, 'broker-a-master', 'role'), 'master')
  t.is(await cell(page, 'broker-a-master', 'file-role'), 'ASYNC_MASTER')
  t.is(await cell(page, 'broker-a-slave', 'file-role'), 'SLAVE')
  for (const n of ['namesrv-1', 'broker-a-master', 'broker-a-slave']) t.is(await cell(page, n, 'state'), 'running')
  t.is(await page.locator('table#cluster tr[data-broker="broker-a"]').count(), 2, "the console's cluster table: master and slave")
  await page.locator('a[data-view="topology"]').click()
  await page.locator('svg#topology g[data-link="broker-a-master->broker-a-slave"]').waitFor(WAIT)
  await page.screenshot({path: path.join(shots, '1b-topology.png'), fullPage: true})
  await page.locator('a[data-view="cluster"]').click()
  await page.screenshot({path: path.join(shots, '1-cluster.png'), fullPage: true})

  // A change made from the CLI appears in the open page.
  t.is((await mqlab(cwd, ['pause', 'broker-a-slave', '--dir', 'lab'])).exitCode, 0)
  let at = Date.now()
  await waitForCell(page, 'broker-a-slave', 'state', 'paused')
  t.log(`CLI pause visible in the page after ${Date.now() - at} ms`)
  t.is((await mqlab(cwd, ['resume', 'broker-a-slave', '--dir', 'lab'])).exitCode, 0)
  await waitForCell(page, 'broker-a-slave', 'state', 'running')

  // Kill from the page: the confirmation shows mqlab kill's prediction first.
  await page.locator('table#nodes tr[data-node="broker-a-master"] button[data-action="kill"]').click()
  const confirm = page.locator('#confirm')
  await confirm.waitFor(WAIT)
  t.regex((await confirm.textContent()) ?? '', /No automatic promotion/)
  await page.screenshot({path: path.join(shots, '2-kill-confirmation.png'), fullPage: true})
  at = Date.now()
  await page.locator('#confirm-yes').click()
  await waitForCell(page, 'broker-a-master', 'state', 'crashed')
  await page.waitForFunction(() => /readable from slave/.test(document.querySelector('[data-group="broker-a"] .serving')?.textContent ?? ''), undefined, WAIT)
  t.log(`kill → crashed and broker-a served from its slave, in the page after ${Date.now() - at} ms`)
  t.regex((await page.locator('#outcome').textContent()) ?? '', /kill broker-a-master/)
  t.deepEqual(
    await page.locator('table#cluster tr[data-broker="broker-a"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-bid'))),
    ['1'],
    'only the slave is registered',
  )
  await page.screenshot({path: path.join(shots, '3-after-kill.png'), fullPage: true})

  await page.locator('a[data-view="topology"]').click()
  await page.locator('svg#topology g[data-node="broker-a-master"][data-state="crashed"]').waitFor(WAIT)
  t.is(await page.locator('svg#topology g[data-node]').count(), 3, 'every node in the picture')
  await page.screenshot({path: path.join(shots, '3b-topology.png'), fullPage: true})

  await page.locator('a[data-view="replication"]').click()
  await page.locator('.repl-group[data-group="broker-a"]').waitFor(WAIT)
  await page.locator('.repl-group[data-group="broker-a"] .chart[data-chart="slaves"] canvas').waitFor(WAIT)
  await page.locator('.repl-group[data-group="broker-a"] .chart[data-chart="sends"] canvas').waitFor(WAIT)
  await page.screenshot({path: path.join(shots, '4-replication.png'), fullPage: true})
  await page.locator('a[data-view="topics-groups"]').click()
  await page.locator('.topic[data-topic="TopicTest"]').waitFor(WAIT)
  await page.screenshot({path: path.join(shots, '5-topics-groups.png'), fullPage: true})

  await page.locator('a[data-view="events"]').click()
  await page.locator('#events li[data-kind="node-died"][data-subject="broker-a-master"]').waitFor(WAIT)
  await page.locator('#events li[data-kind="route-changed"][data-subject="broker-a"]').waitFor(WAIT)
  t.true((await page.locator('#events li[data-kind="node-paused"][data-subject="broker-a-slave"]').count()) === 1, 'the CLI pause is on the timeline')
  await page.screenshot({path: path.join(shots, '6-events.png'), fullPage: true})
  t.deepEqual(foreign, [], 'no request leaves the dashboard (offline assets)')

  t.is((await mqlab(cwd, ['down', '--dir', 'lab'])).exitCode, 0)
})
