import test from 'ava'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {MqlabError} from '../../../src/errors/mqlab-error.js'
import {initLab, type InitRequest} from '../../../src/topology/init-lab.js'
import {validateLab} from '../../../src/topology/validate-lab.js'

async function tempDir(t: {teardown(fn: () => Promise<void>): void}): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mqlab-lab-'))
  t.teardown(() => fs.rm(dir, {recursive: true, force: true}))
  return dir
}
const request = (dir: string, o: Partial<InitRequest> = {}): InitRequest => ({
  template: '2m-2s-sync',
  dir,
  namesrv: 2,
  flush: 'ASYNC_FLUSH',
  cluster: 'DefaultCluster',
  hosts: 1,
  force: false,
  ...o,
})

test('init writes conf/, store/<node>/, logs/, run/ and mqlab.json, and the lab validates', async (t) => {
  const dir = path.join(await tempDir(t), 'lab')
  const result = initLab(request(dir))
  t.true(result.validation.valid)
  t.deepEqual((await fs.readdir(path.join(dir, 'conf'))).sort(), [
    'broker-a-s.properties',
    'broker-a.properties',
    'broker-b-s.properties',
    'broker-b.properties',
    'namesrv-1.properties',
    'namesrv-2.properties',
  ])
  t.deepEqual((await fs.readdir(path.join(dir, 'store'))).sort(), [
    'broker-a-master',
    'broker-a-slave',
    'broker-b-master',
    'broker-b-slave',
    'namesrv-1',
    'namesrv-2',
  ])
  t.like(JSON.parse(await fs.readFile(path.join(dir, 'mqlab.json'), 'utf8')), {template: '2m-2s-sync', namesrvCount: 2})
  t.true(validateLab(dir).valid)
})

test('an existing lab is not overwritten without --force', async (t) => {
  const dir = await tempDir(t)
  initLab(request(dir))
  const file = path.join(dir, 'conf', 'broker-a.properties')
  await fs.writeFile(file, 'brokerName=edited\n')
  const error = t.throws(() => initLab(request(dir, {template: 'single'})), {instanceOf: MqlabError})
  t.is(error?.code, 'LAB_EXISTS')
  t.is(await fs.readFile(file, 'utf8'), 'brokerName=edited\n')
})

test('--force rewrites conf/, drops files of nodes the new template lacks, keeps store/', async (t) => {
  const dir = await tempDir(t)
  initLab(request(dir))
  await fs.writeFile(path.join(dir, 'store', 'broker-a-master', 'keep'), 'data')
  const result = initLab(request(dir, {template: 'single', force: true}))
  t.deepEqual(result.removed.sort(), ['conf/broker-a-s.properties', 'conf/broker-b-s.properties', 'conf/broker-b.properties'])
  t.deepEqual((await fs.readdir(path.join(dir, 'conf'))).sort(), ['broker-a.properties', 'namesrv-1.properties', 'namesrv-2.properties'])
  t.is(await fs.readFile(path.join(dir, 'store', 'broker-a-master', 'keep'), 'utf8'), 'data')
  t.true(result.validation.valid)
})

test('a non-empty folder that is not a lab is left alone', async (t) => {
  const dir = await tempDir(t)
  await fs.writeFile(path.join(dir, 'notes.txt'), 'mine')
  const error = t.throws(() => initLab(request(dir)), {instanceOf: MqlabError})
  t.is(error?.code, 'DIR_NOT_EMPTY')
  t.deepEqual(await fs.readdir(dir), ['notes.txt'])
})

test('bad options are USAGE errors', async (t) => {
  const dir = await tempDir(t)
  t.is(t.throws(() => initLab(request(dir, {namesrv: 0})), {instanceOf: MqlabError})?.code, 'USAGE')
  t.is(t.throws(() => initLab(request(dir, {hosts: 99})), {instanceOf: MqlabError})?.code, 'USAGE')
  t.is(t.throws(() => initLab(request(dir, {cluster: 'bad name'})), {instanceOf: MqlabError})?.code, 'USAGE')
})

test('validate: no lab is LAB_NOT_FOUND; a file as --dir too', async (t) => {
  const dir = await tempDir(t)
  t.is(t.throws(() => validateLab(path.join(dir, 'nothing')), {instanceOf: MqlabError})?.code, 'LAB_NOT_FOUND')
  await fs.writeFile(path.join(dir, 'file'), 'x')
  t.is(t.throws(() => validateLab(path.join(dir, 'file')), {instanceOf: MqlabError})?.code, 'LAB_NOT_FOUND')
})

test('validate: an empty conf/ is lab-empty; an empty file is file-empty', async (t) => {
  const dir = await tempDir(t)
  await fs.mkdir(path.join(dir, 'conf'))
  t.deepEqual(
    validateLab(dir).problems.map((p) => p.rule),
    ['lab-empty'],
  )
  initLab(request(dir, {template: 'single', force: true}))
  await fs.writeFile(path.join(dir, 'conf', 'broker-a.properties'), '')
  const result = validateLab(dir)
  t.false(result.valid)
  t.true(result.problems.some((p) => p.rule === 'file-empty' && p.file === 'conf/broker-a.properties'))
})
