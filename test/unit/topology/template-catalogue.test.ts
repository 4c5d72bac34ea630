import test from 'ava'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {MqlabError} from '../../../src/errors/mqlab-error.js'
import {defaultTemplate, findTemplate, listTemplates} from '../../../src/topology/template-catalogue.js'

test('the five templates, in order, 2m-2s-sync the default', (t) => {
  t.deepEqual(
    listTemplates().map((x) => x.name),
    ['single', '2m-noslave', '2m-2s-async', '2m-2s-sync', 'dledger'],
  )
  t.is(defaultTemplate().name, '2m-2s-sync')
})

test('an unknown template is UNKNOWN_TEMPLATE and lists the ones that exist', (t) => {
  const error = t.throws(() => findTemplate('3m'), {instanceOf: MqlabError})
  t.is(error?.code, 'UNKNOWN_TEMPLATE')
  t.regex(error?.message ?? '', /single, 2m-noslave, 2m-2s-async, 2m-2s-sync, dledger/)
})

test('a broken template.json is BAD_TEMPLATE naming the file', async (t) => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mqlab-tpl-'))
  t.teardown(() => fs.rm(dir, {recursive: true, force: true}))
  await fs.mkdir(path.join(dir, 'x'))
  await fs.writeFile(path.join(dir, 'x', 'template.json'), '{"name":"x","summary":"s","order":1,"mode":"raft","groups":["a"]}')
  const error = t.throws(() => listTemplates(dir), {instanceOf: MqlabError})
  t.is(error?.code, 'BAD_TEMPLATE')
  t.regex(error?.message ?? '', /template\.json: "mode"/)
})
