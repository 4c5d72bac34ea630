import test from 'ava'
import {spawn} from 'node:child_process'
import {once} from 'node:events'
import fs from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {encodeClusterInfo} from '../../runtime/remoting/body/cluster-info.js'
import {createResponse} from '../../runtime/remoting/remoting-command.js'
import {RemotingServer} from '../../runtime/remoting/remoting-server.js'
import {RequestCode} from '../../runtime/remoting/request-code.js'
import {ResponseCode} from '../../runtime/remoting/response-code.js'
import {guardLab, labPids, movePortsToFree, mqlab, processAlive, tempDir} from '../helpers/lab-cli.js'
import {waitUntil} from '../helpers/wait-until.js'

const cli = fileURLToPath(new URL('../../../bin/run.js', import.meta.url))

// Ctrl-C during `mqlab up`: the nodes it started are stopped again, none is orphaned. The broker is
// pointed at a name server (this test's) that never lists it, so `up` is certainly still waiting
// for its readiness when the SIGINT arrives.
test('SIGINT during up stops every node that up started and exits 130', async (t) => {
  const cwd = await tempDir(t)
  await mqlab(cwd, ['init', 'single', '--dir', 'lab'])
  const lab = path.join(cwd, 'lab')
  await movePortsToFree(lab)
  const guard = guardLab(t, lab)

  const fakeNamesrv = new RemotingServer({host: '127.0.0.1', port: 0, name: 'test name server'})
  fakeNamesrv.registerProcessor(RequestCode.GET_BROKER_CLUSTER_INFO, (request) =>
    createResponse(request, ResponseCode.SUCCESS, undefined, undefined, encodeClusterInfo({brokerAddrTable: {}, clusterAddrTable: {}})),
  )
  await fakeNamesrv.listen()
  t.teardown(() => fakeNamesrv.close())
  const conf = path.join(lab, 'conf', 'broker-a.properties')
  fs.writeFileSync(conf, fs.readFileSync(conf, 'utf8').replace(/^namesrvAddr=.*$/m, `namesrvAddr=127.0.0.1:${fakeNamesrv.port}`))

  const up = spawn(process.execPath, [cli, 'up', '--dir', 'lab', '--json', '--timeout', '120'], {cwd, stdio: ['ignore', 'pipe', 'pipe']})
  let stdout = ''
  up.stdout!.on('data', (c: Buffer) => (stdout += c.toString()))
  const exited = once(up, 'exit') as Promise<[number | null, string | null]>
  t.teardown(() => {
    if (up.exitCode === null && up.signalCode === null) up.kill('SIGKILL')
  })

  await waitUntil(() => fs.existsSync(path.join(lab, 'run', 'broker-a-master.pid')), 'the broker to bind its ports', {timeoutMs: 60_000, intervalMs: 50})
  const pids = guard.track()
  t.is(pids.length, 3, 'two name servers and the broker were running')
  up.kill('SIGINT')
  const [code] = await exited
  t.is(code, 130, stdout)
  const json = JSON.parse(stdout)
  t.is(json.error.code, 'INTERRUPTED')
  t.regex(json.error.message, /the 3 nodes this run started were stopped again/)
  for (const pid of pids) t.false(processAlive(pid), `pid ${pid} is gone`)
  t.deepEqual(labPids(lab), [])
})
