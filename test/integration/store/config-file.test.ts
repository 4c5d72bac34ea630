import test from 'ava'
import {promises as fsp} from 'node:fs'
import {join} from 'node:path'
import {readConfigFile, writeConfigFile} from '../../../runtime/common/config-file.js'
import {tempDir} from '../../helpers/store-fixtures.js'

test('writes atomically, keeps the previous version as .bak, leaves no temp file', async (t) => {
  const dir = await tempDir(t)
  const file = join(dir, 'config', 'topics.json')
  t.is(await readConfigFile(file), undefined)
  await writeConfigFile(file, '{"v":1}')
  t.is(await readConfigFile(file), '{"v":1}')
  await writeConfigFile(file, '{"v":2}')
  t.is(await fsp.readFile(file, 'utf8'), '{"v":2}')
  t.is(await fsp.readFile(`${file}.bak`, 'utf8'), '{"v":1}')
  t.deepEqual((await fsp.readdir(join(dir, 'config'))).sort(), ['topics.json', 'topics.json.bak'])
})

test('reading falls back to .bak when the file is missing or empty', async (t) => {
  const dir = await tempDir(t)
  const file = join(dir, 'consumerOffset.json')
  await writeConfigFile(file, '{"a":1}')
  await writeConfigFile(file, '{"a":2}')
  await fsp.writeFile(file, '')
  t.is(await readConfigFile(file), '{"a":1}')
  await fsp.rm(file)
  t.is(await readConfigFile(file), '{"a":1}')
})

test('concurrent writers of one file never leave a mixed or partial file', async (t) => {
  const dir = await tempDir(t)
  const file = join(dir, 'subscriptionGroup.json')
  const texts = Array.from({length: 20}, (_, i) => JSON.stringify({i, pad: 'x'.repeat(1000 * (i + 1))}))
  await Promise.all(texts.map((text) => writeConfigFile(file, text)))
  // Writes of one file apply in call order: the last call wins and the one before it is the .bak.
  t.is(await fsp.readFile(file, 'utf8'), texts[19])
  t.is(await fsp.readFile(`${file}.bak`, 'utf8'), texts[18])
  t.deepEqual((await fsp.readdir(dir)).sort(), ['subscriptionGroup.json', 'subscriptionGroup.json.bak'])
})
