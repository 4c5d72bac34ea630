import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import test from 'ava'
import {createFreshLab} from '../../../src/experiment/lab/fresh-lab.js'
import {LabRelays} from '../../../src/fault/lab-relays.js'
import {nodeSpecs} from '../../../src/lab/lab-node-spec.js'
import {readLab} from '../../../src/topology/lab-reader.js'
import {validateLab} from '../../../src/topology/validate-lab.js'

async function lab(t: {teardown(fn: () => unknown): void}, template: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mqlab-relays-'))
  t.teardown(() => fs.rmSync(dir, {recursive: true, force: true}))
  await createFreshLab(template, path.join(dir, 'lab'), {namesrv: 2})
  return path.join(dir, 'lab')
}

const prop = (text: string, key: string) => new RegExp(`^${key}=(.*)$`, 'm').exec(text)?.[1]

test("2m-2s-sync: each slave dials its master's HA port through a relay, each broker each name server, and the files come back byte for byte", async (t) => {
  const dir = await lab(t, '2m-2s-sync')
  const specs = nodeSpecs(readLab(dir))
  const before = new Map(specs.map((s) => [s.confPath, fs.readFileSync(s.confPath, 'utf8')]))
  const relays = await LabRelays.install(specs)
  try {
    const kinds = relays.links.map((l) => `${l.from}->${l.to}:${l.kind}`)
    t.true(kinds.includes('broker-a-slave->broker-a-master:ha'))
    t.true(kinds.includes('broker-b-master->namesrv-2:namesrv'))
    t.true(kinds.includes('client->namesrv-1:client-namesrv'))
    t.is(relays.links.length, 2 + 4 * 2 + 2)
    const slave = fs.readFileSync(specs.find((s) => s.name === 'broker-a-slave')!.confPath, 'utf8')
    const ha = relays.links.find((l) => l.kind === 'ha' && l.from === 'broker-a-slave')!
    t.is(prop(slave, 'haMasterAddress'), ha.relay.address)
    t.is(ha.relay.upstream, `127.0.0.1:${Number(specs.find((s) => s.name === 'broker-a-master')!.addr.split(':')[1]) + 1}`)
    t.true(validateLab(dir).valid, 'the rewritten lab still validates')
  } finally {
    await relays.restore()
  }
  for (const [file, text] of before) t.is(fs.readFileSync(file, 'utf8'), text)
})

test("dledger: every directed peer pair gets a relay; a member's own entry keeps its real port", async (t) => {
  const dir = await lab(t, 'dledger')
  const specs = nodeSpecs(readLab(dir))
  const original = new Map(specs.map((s) => [s.name, prop(fs.readFileSync(s.confPath, 'utf8'), 'dLegerPeers')]))
  const relays = await LabRelays.install(specs)
  try {
    t.is(relays.links.filter((l) => l.kind === 'dledger').length, 6)
    const n0 = prop(fs.readFileSync(specs.find((s) => s.name === 'broker-a-n0')!.confPath, 'utf8'), 'dLegerPeers')!
    const realN0 = original.get('broker-a-n0')!.split(';')[0]
    t.is(n0.split(';')[0], realN0, 'n0 binds its own listed port')
    const toN1 = relays.links.find((l) => l.from === 'broker-a-n0' && l.to === 'broker-a-n1')!
    t.is(n0.split(';')[1], `n1-${toN1.relay.address}`)
    t.is(toN1.relay.upstream, original.get('broker-a-n0')!.split(';')[1]!.replace(/^n1-/, ''))
  } finally {
    await relays.restore()
  }
})
