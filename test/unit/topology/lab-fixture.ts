// Test helper (not a test file): in-memory labs built from the real planner, then edited like a user would.
import {planLab, type LabOptions} from '../../../src/topology/lab-plan.js'
import {buildSnapshot} from '../../../src/topology/lab-reader.js'
import type {LabSnapshot} from '../../../src/topology/lab-model.js'
import {renderNodeProperties} from '../../../src/topology/properties-render.js'
import {listTemplates} from '../../../src/topology/template-catalogue.js'
import {checkTopology} from '../../../src/topology/validate-lab.js'

export const LAB_DIR = '/lab'

/** conf file name → text, as `mqlab init <template>` would write them. */
export type LabFiles = Record<string, string>

/** The files of a template's lab. */
export function labFiles(template: string, options: Partial<LabOptions> = {}): LabFiles {
  const spec = listTemplates().find((t) => t.name === template)
  if (!spec) throw new Error(`no template ${template}`)
  const plan = planLab(spec, {dir: LAB_DIR, namesrvCount: 2, flushDiskType: 'ASYNC_FLUSH', clusterName: 'DefaultCluster', hosts: 1, ...options})
  return Object.fromEntries(plan.nodes.map((n) => [n.confFile, renderNodeProperties(n, template)]))
}

/** Sets `key=value` in a file's text (replacing the line, or appending); `undefined` deletes the key. */
export function setKey(text: string, key: string, value: string | undefined): string {
  const lines = text.split('\n')
  const i = lines.findIndex((l) => l.startsWith(`${key}=`))
  if (value === undefined) {
    if (i >= 0) lines.splice(i, 1)
    return lines.join('\n')
  }
  if (i >= 0) lines[i] = `${key}=${value}`
  else lines.splice(lines.length - 1, 0, `${key}=${value}`)
  return lines.join('\n')
}

/** Returns a copy of `files` with `file` edited. */
export function edit(files: LabFiles, file: string, changes: Record<string, string | undefined>): LabFiles {
  let text = files[file]
  if (text === undefined) throw new Error(`no file ${file}`)
  for (const [k, v] of Object.entries(changes)) text = setKey(text, k, v)
  return {...files, [file]: text}
}

/** The snapshot of a set of files. */
export function snapshot(files: LabFiles): LabSnapshot {
  return buildSnapshot(
    LAB_DIR,
    Object.entries(files).map(([name, text]) => ({name, text})),
  )
}

/** Every problem (per-file and topology) as `severity:rule`. */
export function rules(files: LabFiles): string[] {
  const lab = snapshot(files)
  return [...lab.problems, ...checkTopology(lab)].map((p) => `${p.severity}:${p.rule}`)
}

/** Every problem with its details. */
export function problems(files: LabFiles) {
  const lab = snapshot(files)
  return [...lab.problems, ...checkTopology(lab)]
}
