/** Reads a lab folder's conf/*.properties into a LabSnapshot with every per-file problem. */
import fs from 'node:fs'
import path from 'node:path'
import {readBrokerConfigText} from '../../runtime/config/broker-config-reader.js'
import {readConfigFileText} from '../../runtime/config/config-file-text.js'
import type {ConfigProblem} from '../../runtime/config/config-problem.js'
import {readNamesrvConfigText} from '../../runtime/config/namesrv-config-reader.js'
import {MqlabError} from '../errors/mqlab-error.js'
import type {LabNode, LabSnapshot} from './lab-model.js'
import {labPaths} from './lab-paths.js'
import {nodeFromConfFile} from './node-naming.js'
import {latestPromotion, parsePromotionNotes} from './promotion-note.js'

/**
 * Reads the lab at `dir`. A missing folder or conf/ is LAB_NOT_FOUND; an unreadable one LAB_UNREADABLE.
 * Bad files never throw: they become problems. Relative paths in files resolve against the lab folder,
 * the working directory mqlab starts nodes in.
 */
export function readLab(dir: string): LabSnapshot {
  const paths = labPaths(dir)
  let names: string[]
  try {
    names = fs.readdirSync(paths.conf)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new MqlabError('LAB_NOT_FOUND', `no lab in ${paths.dir} (no conf/ folder)`, {
        suggestion: `create one with mqlab init --dir ${dir}, or point --dir at an existing lab`,
      })
    }
    throw new MqlabError('LAB_UNREADABLE', `cannot read ${paths.conf}: ${(error as Error).message}`, {suggestion: 'check the folder permissions'})
  }
  const files: ConfFileText[] = names
    .filter((n) => n.endsWith('.properties'))
    .map((name) => {
      const text = readConfigFileText(path.join(paths.conf, name), `conf/${name}`)
      return text.ok ? {name, text: text.text} : {name, problem: text.problem}
    })
  return buildSnapshot(paths.dir, files)
}

/** A conf file's name and text, or the problem that kept it from being read. */
export type ConfFileText = {name: string; text: string} | {name: string; problem: ConfigProblem}

/** Builds a snapshot from conf file texts (pure; `dir` is the absolute lab folder). */
export function buildSnapshot(dir: string, files: readonly ConfFileText[]): LabSnapshot {
  const problems: ConfigProblem[] = []
  const nodes: LabNode[] = []
  const sorted = [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  if (sorted.length === 0) {
    problems.push({
      severity: 'error',
      rule: 'lab-empty',
      file: 'conf/',
      message: 'conf/ holds no .properties files',
      fix: 'run mqlab init --force to write the files again',
    })
  }
  for (const entry of sorted) {
    if ('problem' in entry) {
      problems.push(entry.problem)
      continue
    }
    const file = `conf/${entry.name}`
    const {name: nodeName, kind} = nodeFromConfFile(entry.name)
    const read = kind === 'namesrv' ? readNamesrvConfigText(entry.text, file, {cwd: dir}) : readBrokerConfigText(entry.text, file, {cwd: dir})
    problems.push(...read.problems)
    const failedKeys = new Set(read.problems.filter((p) => p.severity === 'error' && p.key !== undefined).map((p) => canonicalKey(p.key!)))
    const base = {name: nodeName, file, path: path.join(dir, file), lines: read.lines, failedKeys}
    if (kind === 'namesrv') nodes.push({...base, kind, config: (read as ReturnType<typeof readNamesrvConfigText>).config})
    else {
      const config = (read as ReturnType<typeof readBrokerConfigText>).config
      // A manual failover (mqlab promote) leaves a note in the file: rules tell the new master from the old by it.
      const promotion = latestPromotion(parsePromotionNotes(entry.text), nodeName, config.brokerName)
      nodes.push({...base, kind, config, ...(promotion ? {promotedAt: promotion.at} : {})})
    }
  }
  nodes.sort(nodeOrder)
  return {dir, nodes, problems}
}

/** Old spellings report under their written key; rules look keys up by the real name. */
function canonicalKey(key: string): string {
  return key.replace(/^maped/, 'mapped')
}

function nodeOrder(a: LabNode, b: LabNode): number {
  if (a.kind !== b.kind) return a.kind === 'namesrv' ? -1 : 1
  if (a.kind === 'namesrv' || b.kind === 'namesrv') return a.name.localeCompare(b.name, 'en', {numeric: true})
  return (
    a.config.brokerName.localeCompare(b.config.brokerName) ||
    rank(a.config) - rank(b.config) ||
    a.config.brokerId - b.config.brokerId ||
    (a.config.dLegerSelfId ?? '').localeCompare(b.config.dLegerSelfId ?? '', 'en', {numeric: true}) ||
    a.name.localeCompare(b.name)
  )
}

function rank(c: {brokerRole: string; enableDLegerCommitLog: boolean}): number {
  if (c.enableDLegerCommitLog) return 1
  return c.brokerRole === 'SLAVE' ? 2 : 0
}
