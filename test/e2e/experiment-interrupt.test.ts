import {spawn} from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import test from 'ava'
import {labPids, processAlive} from '../helpers/lab-cli.js'
import {waitUntil} from '../helpers/wait-until.js'
import {experimentWorkspace} from './experiment-helpers.js'

const cli = fileURLToPath(new URL('../../../bin/run.js', import.meta.url))

// Ctrl-C in the middle of an experiment: the run stops what it started (the lab it made, its relays) and
// writes the files back, instead of leaving nodes dialling relays that died with it.
test('Ctrl-C during the workload: exit 130, the lab stopped, the conf files restored', async (t) => {
  t.timeout(150_000)
  const ws = await experimentWorkspace(t)
  const child = spawn(process.execPath, [cli, 'experiment', 'run', 'kill-master', '--dir', 'lab', '--fast'], {
    cwd: ws.cwd,
    env: {...process.env, NO_COLOR: '1'},
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  t.teardown(() => child.kill('SIGKILL'))
  let stderr = ''
  child.stderr.on('data', (b) => (stderr += b))
  child.stdout.resume()
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  await waitUntil(() => stderr.includes('workload:'), 'the workload to start', {timeoutMs: 90_000})
  const slaveConf = path.join(ws.cwd, 'lab', 'conf', 'broker-a-s.properties')
  t.regex(fs.readFileSync(slaveConf, 'utf8'), /haMasterAddress=/, 'during the run the slave dials its master through a relay')
  const pids = labPids(path.join(ws.cwd, 'lab'))
  t.true(pids.length > 0)
  child.kill('SIGINT')
  t.is(await exited, 130, stderr)
  t.notRegex(fs.readFileSync(slaveConf, 'utf8'), /haMasterAddress=/, 'the file is back as init wrote it')
  t.deepEqual(
    pids.filter((p) => processAlive(p)),
    [],
    'every node the run started is stopped',
  )
})
