// End-to-end: the built CLI (bin/run.js) as a child process, with --json, for every template and for
// hand-broken labs. Needs `tsc` to have built dist/ (npm test does).
import test from 'ava'
import {execa} from 'execa'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {initLab} from '../../src/topology/init-lab.js'

const bin = fileURLToPath(new URL('../../../bin/run.js', import.meta.url))

interface Envelope {
  ok: boolean
  command: string
  exitCode: number
  result?: {
    problems?: Array<{severity: string; rule: string; file: string; line: number | null; message: string; fix: string | null}>
    valid?: boolean
    templates?: Array<{name: string}>
  }
  error?: {code: string; message: string; suggestion?: string}
}

async function mqlab(cwd: string, ...args: string[]) {
  const run = await execa('node', [bin, ...args], {cwd, reject: false, timeout: 60_000, env: {NO_COLOR: '1'}})
  return run
}
async function mqlabJson(cwd: string, ...args: string[]): Promise<{exitCode: number; json: Envelope; stderr: string}> {
  const run = await mqlab(cwd, ...args, '--json')
  let json: Envelope
  try {
    json = JSON.parse(run.stdout) as Envelope
  } catch {
    throw new Error(`stdout is not JSON (exit ${run.exitCode}):\n${run.stdout}\n${run.stderr}`)
  }
  return {exitCode: run.exitCode ?? -1, json, stderr: run.stderr}
}
async function tempDir(t: {teardown(fn: () => Promise<void>): void}): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mqlab-e2e-'))
  t.teardown(() => fs.rm(dir, {recursive: true, force: true}))
  return dir
}
async function editConf(dir: string, file: string, changes: Record<string, string>): Promise<void> {
  const p = path.join(dir, 'mqlab', 'conf', file)
  let text = await fs.readFile(p, 'utf8')
  for (const [k, v] of Object.entries(changes)) {
    const re = new RegExp(`^${k}=.*$`, 'm')
    text = re.test(text) ? text.replace(re, `${k}=${v}`) : text + `${k}=${v}\n`
  }
  await fs.writeFile(p, text)
}

for (const template of ['single', '2m-noslave', '2m-2s-async', '2m-2s-sync', 'dledger']) {
  test(`init ${template} then validate --json: no errors, exit 0`, async (t) => {
    const cwd = await tempDir(t)
    const init = await mqlabJson(cwd, 'init', template)
    t.is(init.exitCode, 0, init.stderr)
    t.true(init.json.ok)
    const validate = await mqlabJson(cwd, 'validate')
    t.is(validate.exitCode, 0)
    t.like(validate.json, {ok: true, command: 'validate', exitCode: 0, result: {valid: true}})
    t.deepEqual(validate.json.result?.problems, [])
  })
}

const broken: Array<{name: string; template: string; file: string; changes: Record<string, string>; rule: string}> = [
  {
    name: "a slave on its master's haListenPort",
    template: '2m-2s-sync',
    file: 'broker-a-s.properties',
    changes: {listenPort: '10912', haListenPort: '10913'},
    rule: 'port-overlap',
  },
  {
    name: 'two brokers sharing a store',
    template: '2m-noslave',
    file: 'broker-b.properties',
    changes: {storePathRootDir: '$ROOT/mqlab/store/broker-a-master', storePathCommitLog: '$ROOT/mqlab/store/broker-a-master/commitlog'},
    rule: 'store-shared',
  },
  {name: 'a SLAVE with brokerId 0', template: '2m-2s-async', file: 'broker-b-s.properties', changes: {brokerId: '0'}, rule: 'role-broker-id'},
  {
    name: 'a malformed dLegerPeers',
    template: 'dledger',
    file: 'broker-a-n1.properties',
    changes: {dLegerPeers: 'n0-127.0.0.1:40911,n1-127.0.0.1:40912,n2-127.0.0.1:40913'},
    rule: 'dledger-peers',
  },
  {name: 'a non-numeric port', template: 'single', file: 'namesrv-1.properties', changes: {listenPort: '98x6'}, rule: 'value-number'},
  {name: 'a mistyped key', template: 'single', file: 'broker-a.properties', changes: {listenport: '10911'}, rule: 'unknown-key'},
]

for (const c of broken) {
  test(`hand-broken lab, ${c.name}: validate fails with ${c.rule} and exit 3`, async (t) => {
    const cwd = await tempDir(t)
    // Set up in process (init through the CLI is covered above); validate runs through the built CLI.
    initLab({template: c.template, dir: path.join(cwd, 'mqlab'), namesrv: 2, flush: 'ASYNC_FLUSH', cluster: 'DefaultCluster', hosts: 1, force: false})
    const changes = Object.fromEntries(Object.entries(c.changes).map(([k, v]) => [k, v.replace('$ROOT', cwd)]))
    await editConf(cwd, c.file, changes)
    const {exitCode, json} = await mqlabJson(cwd, 'validate')
    t.is(exitCode, 3)
    t.like(json, {ok: false, exitCode: 3, error: {code: 'VALIDATION_FAILED'}})
    const errors = json.result!.problems!.filter((p) => p.severity === 'error')
    const hit = errors.find((p) => p.rule === c.rule)
    t.truthy(hit, JSON.stringify(errors))
    t.is(hit!.file.endsWith('.properties') ? hit!.file : '', `conf/${c.file}`)
    t.is(typeof hit!.line, 'number')
    t.true(hit!.message.length > 0)
  })
}

test('human validate output: a table with rule and file:line, exit 3, no stack trace', async (t) => {
  const cwd = await tempDir(t)
  initLab({template: '2m-2s-sync', dir: path.join(cwd, 'mqlab'), namesrv: 2, flush: 'ASYNC_FLUSH', cluster: 'DefaultCluster', hosts: 1, force: false})
  await editConf(cwd, 'broker-a-s.properties', {listenPort: '10912', haListenPort: '10913'})
  const run = await mqlab(cwd, 'validate')
  t.is(run.exitCode, 3)
  t.regex(run.stdout, /port-overlap/)
  t.regex(run.stdout, /conf\/broker-a-s\.properties:\d+/)
  t.notRegex(run.stdout + run.stderr, /\n\s+at /)
  t.notRegex(run.stdout, /\u001b\[/, 'no colour when not a TTY')
})

test('bad input: unknown template, existing lab, bad flag value, no lab, no template without a TTY', async (t) => {
  const cwd = await tempDir(t)
  const unknown = await mqlabJson(cwd, 'init', '3m-3s')
  t.is(unknown.exitCode, 2)
  t.is(unknown.json.error?.code, 'UNKNOWN_TEMPLATE')
  t.regex(unknown.json.error?.message ?? '', /2m-2s-sync/)

  t.is((await mqlab(cwd, 'init', 'single')).exitCode, 0)
  const conf = path.join(cwd, 'mqlab', 'conf', 'broker-a.properties')
  const before = await fs.readFile(conf, 'utf8')
  const again = await mqlab(cwd, 'init', 'dledger')
  t.is(again.exitCode, 5)
  t.regex(again.stderr, /already exists/)
  t.notRegex(again.stderr, /\n\s+at /)
  t.is(await fs.readFile(conf, 'utf8'), before)

  const badFlag = await mqlabJson(cwd, 'init', 'single', '--dir', 'other', '--namesrv', 'two')
  t.is(badFlag.exitCode, 2)
  t.is(badFlag.json.error?.code, 'USAGE')

  const none = await mqlabJson(cwd, 'validate', '--dir', 'nowhere')
  t.is(none.exitCode, 4)
  t.is(none.json.error?.code, 'LAB_NOT_FOUND')

  const noTty = await mqlabJson(cwd, 'init', '--dir', 'x')
  t.is(noTty.exitCode, 2)
  t.is(noTty.json.error?.code, 'TEMPLATE_REQUIRED')
  t.regex(noTty.json.error?.message ?? '', /single, 2m-noslave, 2m-2s-async, 2m-2s-sync, dledger/)
})

test('an empty conf file fails validation with file-empty', async (t) => {
  const cwd = await tempDir(t)
  initLab({template: 'single', dir: path.join(cwd, 'mqlab'), namesrv: 2, flush: 'ASYNC_FLUSH', cluster: 'DefaultCluster', hosts: 1, force: false})
  await fs.writeFile(path.join(cwd, 'mqlab', 'conf', 'namesrv-2.properties'), '')
  const {exitCode, json} = await mqlabJson(cwd, 'validate')
  t.is(exitCode, 3)
  t.true(json.result!.problems!.some((p) => p.rule === 'file-empty' && p.file === 'conf/namesrv-2.properties'))
})

test('templates --json lists the five templates', async (t) => {
  const {exitCode, json} = await mqlabJson(os.tmpdir(), 'templates')
  t.is(exitCode, 0)
  t.deepEqual(
    json.result?.templates?.map((x) => x.name),
    ['single', '2m-noslave', '2m-2s-async', '2m-2s-sync', 'dledger'],
  )
})

test('the root help printed without oclif (dist/root-help.txt) is exactly what oclif prints, bundled or not', async (t) => {
  const helpFile = fileURLToPath(new URL('../../root-help.txt', import.meta.url))
  const rendered = await fs.readFile(helpFile, 'utf8')
  for (const args of [['--help'], []]) {
    const fast = await execa('node', [bin, ...args], {reject: false})
    // oclif from the esbuild bundle (dist/bundle/cli) when it is fresh, and oclif on dist/ (tsc output).
    const bundled = await execa('node', [bin, ...args], {reject: false, env: {MQLAB_NO_HELP_CACHE: '1'}})
    const unbundled = await execa('node', [bin, ...args], {reject: false, env: {MQLAB_NO_HELP_CACHE: '1', MQLAB_NO_BUNDLE: '1'}})
    t.is(fast.exitCode, 0)
    t.is(fast.stdout, bundled.stdout, `stderr: ${fast.stderr} / ${bundled.stderr}`)
    t.is(bundled.stdout, unbundled.stdout, `stderr: ${bundled.stderr} / ${unbundled.stderr}`)
    // The file itself, not only whatever path printed it, matches oclif's output.
    const pkg = JSON.parse(await fs.readFile(fileURLToPath(new URL('../../../package.json', import.meta.url)), 'utf8')) as {name: string; version: string}
    const userAgent = `${pkg.name}/${pkg.version} ${process.platform}-${process.arch} node-${process.version}`
    t.is(rendered.replaceAll('{{userAgent}}', userAgent).trimEnd(), unbundled.stdout.trimEnd())
    t.regex(fast.stdout, /init\s+Write a lab/)
  }
})

test("a subcommand's help is the same from the bundle and from dist/", async (t) => {
  for (const args of [['send', '--help'], ['topic', 'create', '--help'], ['topic']]) {
    const bundled = await execa('node', [bin, ...args], {reject: false})
    const unbundled = await execa('node', [bin, ...args], {reject: false, env: {MQLAB_NO_BUNDLE: '1'}})
    t.is(bundled.exitCode, 0, bundled.stderr)
    t.is(bundled.stdout, unbundled.stdout)
  }
})
