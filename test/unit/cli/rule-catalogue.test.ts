import test from 'ava'
import fs from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {ruleCatalogue} from '../../../src/topology/rules/rule-catalogue.js'
import {topologyRules} from '../../../src/topology/validate-lab.js'

const root = fileURLToPath(new URL('../../../../', import.meta.url))

/** Rule ids written as `rule: '<id>'` or passed to report helpers in the TypeScript sources. */
function ruleIdsInSources(): Set<string> {
  const ids = new Set<string>()
  const files = [
    ...fs.readdirSync(path.join(root, 'runtime/config')).map((f) => path.join(root, 'runtime/config', f)),
    ...fs.readdirSync(path.join(root, 'src/topology'), {recursive: true}).map((f) => path.join(root, 'src/topology', String(f))),
    ...fs.readdirSync(path.join(root, 'src/engine')).map((f) => path.join(root, 'src/engine', f)),
  ].filter((f) => f.endsWith('.ts'))
  for (const f of files) {
    const text = fs.readFileSync(f, 'utf8')
    for (const m of text.matchAll(/rule: '([a-z0-9-]+)'/g)) ids.add(m[1])
    for (const m of text.matchAll(/\b(?:err|warn)\(\s*'([a-z0-9-]+)'/g)) ids.add(m[1])
  }
  return ids
}

test('every rule id the code reports is in the catalogue (and so in README/help)', (t) => {
  const catalogued = new Set(ruleCatalogue.map((r) => r.id))
  const used = ruleIdsInSources()
  t.true(used.size > 20)
  for (const id of used) t.true(catalogued.has(id), `${id} is reported but not catalogued`)
  for (const rule of topologyRules) for (const id of rule.ids) t.true(catalogued.has(id), id)
})

test('every catalogued rule id is reported somewhere (no phantom rules in README)', (t) => {
  const used = ruleIdsInSources()
  for (const r of ruleCatalogue) t.true(used.has(r.id), `${r.id} is catalogued but never reported`)
})

test('rule ids are unique', (t) => {
  t.is(new Set(ruleCatalogue.map((r) => r.id)).size, ruleCatalogue.length)
})

test('README lists every rule id', (t) => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8')
  for (const r of ruleCatalogue) t.true(readme.includes(`| \`${r.id}\` |`), `${r.id} missing from README`)
})
