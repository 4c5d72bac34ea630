import test from 'ava'
import path from 'node:path'
import {guardLab, labPids, movePortsToFree, mqlab, processAlive, tempDir} from '../helpers/lab-cli.js'

// The main scenario through the built CLI: messages sent to a lab survive a SIGKILL of the
// broker (it recovers its store from the abort file when started again) and are consumed exactly once.
test('init single → up → send 1000 → kill the master → start it → consume 1000 exactly once → down, no process left', async (t) => {
  const cwd = await tempDir(t)
  t.is((await mqlab(cwd, ['init', 'single', '--dir', 'lab'])).exitCode, 0)
  const lab = path.join(cwd, 'lab')
  await movePortsToFree(lab)
  const guard = guardLab(t, lab)

  const up = await mqlab(cwd, ['up', '--dir', 'lab'])
  guard.track()
  t.is(up.exitCode, 0, up.stdout + up.stderr)

  const send = await mqlab(cwd, ['send', '--dir', 'lab', '--topic', 'LabCrashTopic', '-n', '1000', '--inflight', '16', '--body', 'message {i}'])
  t.is(send.exitCode, 0, send.stdout.slice(0, 2000) + send.stderr)
  t.is(send.json.result.summary.ok, 1000)
  const sent = new Set<string>(send.json.result.messages.map((m: any) => m.msgId))
  t.is(sent.size, 1000)

  const kill = await mqlab(cwd, ['kill', 'broker-a-master', '--dir', 'lab'])
  t.is(kill.json.result.state, 'crashed')
  const start = await mqlab(cwd, ['start', 'broker-a-master', '--dir', 'lab'])
  guard.track()
  t.is(start.exitCode, 0, start.stdout + start.stderr)
  t.is(start.json.result.start.previousCrash.signalled, 'SIGKILL')

  const consume = await mqlab(cwd, ['consume', '--dir', 'lab', '--topic', 'LabCrashTopic', '-n', '1000', '--timeout', '60', '--from', 'first'])
  t.is(consume.exitCode, 0, consume.stdout.slice(0, 2000) + consume.stderr)
  const received: string[] = consume.json.result.messages.map((m: any) => m.msgId)
  t.is(received.length, 1000)
  t.is(new Set(received).size, 1000, 'no duplicates')
  t.deepEqual([...new Set(received)].sort(), [...sent].sort(), 'exactly the messages sent')
  t.deepEqual(new Set(consume.json.result.messages.map((m: any) => m.body)).size, 1000)

  const pids = guard.track()
  const down = await mqlab(cwd, ['down', '--dir', 'lab'])
  t.is(down.exitCode, 0)
  for (const pid of pids) t.false(processAlive(pid), `pid ${pid} is gone`)
  t.deepEqual(labPids(lab), [])
})
