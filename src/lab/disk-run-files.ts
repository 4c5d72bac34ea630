/** RunFiles on disk, in a lab folder's run/, logs/ and store/ (see node-paths.ts). */
import fs from 'node:fs'
import path from 'node:path'
import {labPaths} from '../topology/lab-paths.js'
import {tailFile} from './log-tail.js'
import {nodePaths} from './node-paths.js'
import type {NodeRecord, RunFiles} from './run-files.js'
import {writeAtomically} from '../topology/write-atomically.js'

/** The run files of the lab at `dir`. */
export class DiskRunFiles implements RunFiles {
  constructor(private readonly dir: string) {}

  readPid(node: string): number | undefined {
    const text = readIfExists(nodePaths(this.dir, node).pidFile)
    if (text === undefined) return undefined
    const pid = Number(text.trim())
    return Number.isInteger(pid) && pid > 0 ? pid : undefined
  }

  readRecord(node: string): NodeRecord | undefined {
    const text = readIfExists(nodePaths(this.dir, node).recordFile)
    if (text === undefined) return undefined
    try {
      const json = JSON.parse(text) as NodeRecord
      return Number.isInteger(json.pid) && json.pid > 0 ? json : undefined
    } catch {
      return undefined // a torn record: the pid file (if any) still tells the pid
    }
  }

  writeRecord(record: NodeRecord): void {
    const file = nodePaths(this.dir, record.node).recordFile
    fs.mkdirSync(path.dirname(file), {recursive: true})
    writeAtomically(file, JSON.stringify(record, null, 2) + '\n')
  }

  clear(node: string): void {
    const p = nodePaths(this.dir, node)
    fs.rmSync(p.pidFile, {force: true})
    fs.rmSync(p.recordFile, {force: true})
  }

  nodesWithRunFiles(): string[] {
    let names: string[]
    try {
      names = fs.readdirSync(labPaths(this.dir).run)
    } catch {
      return []
    }
    const nodes = new Set<string>()
    for (const name of names) {
      const m = /^(.+)\.(pid|json)$/.exec(name)
      if (m) nodes.add(m[1]!)
    }
    return [...nodes].sort()
  }

  prepareStart(node: string, banner: string): void {
    const p = nodePaths(this.dir, node)
    fs.mkdirSync(p.store, {recursive: true})
    fs.mkdirSync(path.dirname(p.log), {recursive: true})
    fs.mkdirSync(path.dirname(p.pidFile), {recursive: true})
    fs.rmSync(p.pidFile, {force: true})
    fs.appendFileSync(p.log, `${banner}\n`)
  }

  tailLog(node: string, lines: number): string[] {
    return tailFile(nodePaths(this.dir, node).log, lines)
  }

  logPath(node: string): string {
    return nodePaths(this.dir, node).log
  }

  pidPath(node: string): string {
    return nodePaths(this.dir, node).pidFile
  }
}

function readIfExists(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw err
  }
}
