/** Writes a run's report folder: reports/<time>-<name>/ with report.html, result.json, ledger.jsonl. */
import fs from 'node:fs'
import path from 'node:path'
import type {History} from '../checker/index.js'
import type {ExperimentResult} from '../run/experiment-result.js'
import {renderHtmlReport} from './html-report.js'

export function reportDirName(startedAt: string, name: string): string {
  return `${startedAt.replace(/[:]/g, '').replace(/\.\d+Z$/, 'Z')}-${name.replace(/[^A-Za-z0-9_.-]/g, '_')}`
}

/** The ledger, one JSON object per line, in time order. */
export function ledgerLines(h: History): string {
  const all = [...h.sends.map((s) => ({...s, t: s.t})), ...h.consumes, ...h.faults].sort((a, b) => a.t - b.t)
  return all.map((r) => JSON.stringify(r)).join('\n') + '\n'
}

export function writeReport(labDir: string, result: ExperimentResult, history: History): NonNullable<ExperimentResult['report']> {
  const dir = path.join(labDir, 'reports', reportDirName(result.startedAt, result.scenario))
  fs.mkdirSync(dir, {recursive: true})
  const report = {dir, html: path.join(dir, 'report.html'), ledger: path.join(dir, 'ledger.jsonl')}
  fs.writeFileSync(report.ledger, ledgerLines(history))
  fs.writeFileSync(path.join(dir, 'result.json'), JSON.stringify({...result, report}, null, 2) + '\n')
  fs.writeFileSync(report.html, renderHtmlReport({...result, report}, history))
  return report
}
