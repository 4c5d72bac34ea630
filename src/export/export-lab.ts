/**
 * `mqlab export` (the I/O shell): reads the lab, plans the export, validates the exported set as one
 * topology with the real hosts as addresses (so port overlaps, shared stores, roles and DLedger groups
 * are checked per real host), and writes one folder per host, README.md and export.json.
 */
import fs from 'node:fs'
import path from 'node:path'
import {MqlabError} from '../errors/mqlab-error.js'
import {buildSnapshot, readLab} from '../topology/lab-reader.js'
import {checkTopology, summarize, type ValidationResult} from '../topology/validate-lab.js'
import {parseHosts, planExport, type ExportPlan} from './export-plan.js'
import {renderExportReadme, renderStartScript, renderStopScript} from './export-scripts.js'

/** What export did. */
export interface ExportResult {
  dir: string
  out: string
  hosts: Array<{host: string; nodes: Array<{name: string; role: string; file: string; listenPort: number; storeDir: string}>; files: string[]}>
  namesrvAddr: string
  storeRoot: string
  validation: ValidationResult
}

/** Validates an export plan as one topology over the real hosts (pure apart from reading nothing). */
export function validateExport(plan: ExportPlan, out: string): ValidationResult {
  const snapshot = buildSnapshot(
    out,
    plan.nodes.map((n) => ({name: n.file, text: n.text})),
  )
  return summarize(snapshot, [...snapshot.problems, ...checkTopology(snapshot)])
}

export function exportLab(options: {dir: string; hosts: string; out: string; storeRoot: string; force: boolean}): ExportResult {
  let hosts: string[]
  try {
    hosts = parseHosts(options.hosts)
  } catch (err) {
    throw new MqlabError('INVALID_ARGUMENT', (err as Error).message, {suggestion: '--hosts 10.0.0.1,10.0.0.2 or --hosts mq1,mq2,mq3'})
  }
  if (!path.isAbsolute(options.storeRoot))
    throw new MqlabError(
      'INVALID_ARGUMENT',
      `--store-root ${options.storeRoot} is not absolute: RocketMQ would resolve it against the directory each script starts in`,
      {suggestion: '--store-root /data/rocketmq/store'},
    )
  const lab = readLab(options.dir)
  if (lab.nodes.length === 0) throw new MqlabError('VALIDATION_FAILED', `the lab in ${lab.dir} has no nodes to export`)
  const texts = new Map(lab.nodes.map((n) => [n.name, fs.readFileSync(n.path, 'utf8')]))
  const plan = planExport(lab, texts, hosts, options.storeRoot)
  const out = path.resolve(options.out)
  const validation = validateExport(plan, out)

  if (fs.existsSync(out) && fs.readdirSync(out).length > 0 && !options.force) {
    throw new MqlabError('DIR_NOT_EMPTY', `${out} is not empty; nothing was written`, {
      suggestion: 'choose another --out, or add --force to overwrite the exported files in it',
    })
  }
  const result: ExportResult = {
    dir: lab.dir,
    out,
    hosts: [],
    namesrvAddr: plan.namesrvAddr,
    storeRoot: plan.storeRoot,
    validation,
  }
  try {
    for (const host of hosts) {
      const nodes = plan.nodes.filter((n) => n.host === host)
      const hostDir = path.join(out, host)
      fs.mkdirSync(path.join(hostDir, 'conf'), {recursive: true})
      const files: string[] = []
      for (const n of nodes) {
        fs.writeFileSync(path.join(hostDir, 'conf', n.file), n.text)
        files.push(`${host}/conf/${n.file}`)
      }
      fs.writeFileSync(path.join(hostDir, 'start.sh'), renderStartScript(host, nodes), {mode: 0o755})
      fs.writeFileSync(path.join(hostDir, 'stop.sh'), renderStopScript(host, nodes), {mode: 0o755})
      files.push(`${host}/start.sh`, `${host}/stop.sh`)
      result.hosts.push({host, nodes: nodes.map((n) => ({name: n.name, role: n.role, file: n.file, listenPort: n.listenPort, storeDir: n.storeDir})), files})
    }
    fs.writeFileSync(path.join(out, 'README.md'), renderExportReadme(plan, lab.dir))
    fs.writeFileSync(path.join(out, 'export.json'), JSON.stringify({...result, exportedAt: new Date().toISOString()}, null, 2) + '\n')
  } catch (err) {
    throw new MqlabError('WRITE_FAILED', `cannot write ${out}: ${(err as Error).message}`, {suggestion: 'check the permissions of --out'})
  }
  return result
}
