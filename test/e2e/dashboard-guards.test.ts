import test from 'ava'
import fs from 'node:fs'
import path from 'node:path'
import {mqlab, tempDir} from '../helpers/lab-cli.js'
import {startDashboard} from './dashboard-helpers.js'

// The dashboard can kill nodes, so: it refuses a non-loopback bind unless told, and refuses controls
// without the token its own page carries (and requests that name another host: DNS rebinding).
// A lab that is written but not started is enough: nothing here reaches a node.

test('a non-loopback --host is refused without --allow-remote (USAGE, nothing served)', async (t) => {
  const cwd = await tempDir(t)
  const run = await mqlab(cwd, ['dashboard', '--host', '0.0.0.0'])
  t.is(run.exitCode, 2)
  t.is(run.json.error?.code, 'USAGE')
  t.regex(run.json.error?.message ?? '', /not a loopback address/)
  t.regex(run.json.error?.suggestion ?? '', /--allow-remote/)
})

test('a control POST without the token, or with a wrong one, is refused with 403 and changes nothing; the page carries the token', async (t) => {
  const cwd = await tempDir(t)
  t.is((await mqlab(cwd, ['init', 'single', '--dir', 'lab', '--namesrv', '1'])).exitCode, 0)
  const dash = await startDashboard(t, cwd, 'lab')
  const post = (headers: Record<string, string>, body = {node: 'broker-a-master', action: 'start'}) =>
    fetch(`${dash.url}api/action`, {method: 'POST', headers: {'content-type': 'application/json', ...headers}, body: JSON.stringify(body)})
  const none = await post({})
  t.is(none.status, 403)
  t.regex(((await none.json()) as {error: string}).error, /X-Mqlab-Token/)
  t.is((await post({'x-mqlab-token': 'guess'})).status, 403)
  const page = await (await fetch(dash.url)).text()
  const token = /name="mqlab-token" content="([^"]+)"/.exec(page)?.[1]
  t.truthy(token)
  t.not(token, '__MQLAB_TOKEN__')
  // With the token, a malformed request is a 400, not an action.
  t.is((await post({'x-mqlab-token': token!}, {node: 'broker-a-master', action: 'format-disk'} as any)).status, 400)
  t.false(fs.existsSync(path.join(cwd, 'lab', 'run', 'broker-a-master.pid')), 'nothing was started')
  // A request that names another host (a rebound DNS name) gets nothing, not even the page.
  const {request} = await import('node:http')
  const status = await new Promise<number>((resolve, reject) => {
    const req = request(dash.url, {headers: {host: 'attacker.example'}}, (res) => {
      res.resume()
      resolve(res.statusCode!)
    })
    req.on('error', reject)
    req.end()
  })
  t.is(status, 421)
})
