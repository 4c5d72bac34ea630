/** Writes a planned lab to disk: conf/<node>.properties, store/<node>/, logs/, run/ and mqlab.json. */
import fs from 'node:fs'
import path from 'node:path'
import {MqlabError} from '../errors/mqlab-error.js'
import {markerFor} from './lab-marker.js'
import type {LabPlan} from './lab-plan.js'
import {labPaths} from './lab-paths.js'
import {renderNodeProperties} from './properties-render.js'
import {writeAtomically} from './write-atomically.js'

/** What was written. */
export interface WrittenLab {
  dir: string
  /** Paths relative to the lab folder. */
  files: string[]
  /** Old conf files removed because the new topology has no such node (only with --force). */
  removed: string[]
}

/** What the target folder holds before writing. */
export type TargetState = 'missing' | 'empty' | 'lab' | 'other' | 'not-a-directory'

/** Looks at the target folder. */
export function inspectTarget(dir: string): TargetState {
  const paths = labPaths(dir)
  let stat: fs.Stats
  try {
    stat = fs.statSync(paths.dir)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing'
    throw new MqlabError('LAB_UNREADABLE', `cannot inspect ${paths.dir}: ${(error as Error).message}`)
  }
  if (!stat.isDirectory()) return 'not-a-directory'
  if (fs.existsSync(paths.marker) || fs.existsSync(paths.conf)) return 'lab'
  try {
    return fs.readdirSync(paths.dir).length === 0 ? 'empty' : 'other'
  } catch (error) {
    throw new MqlabError('LAB_UNREADABLE', `cannot read ${paths.dir}: ${(error as Error).message}`, {suggestion: 'check the folder permissions'})
  }
}

/**
 * Writes the lab. Without `force` an existing lab, or a non-empty folder that is not a lab, is left
 * untouched (LAB_EXISTS / DIR_NOT_EMPTY). With `force`, conf/ and mqlab.json are rewritten and store/ is kept.
 */
export function writeLab(plan: LabPlan, options: {force: boolean; now?: Date}): WrittenLab {
  const paths = labPaths(plan.options.dir)
  const state = inspectTarget(paths.dir)
  if (state === 'not-a-directory') {
    throw new MqlabError('WRITE_FAILED', `${paths.dir} exists and is not a folder`, {suggestion: 'choose another --dir'})
  }
  if (state === 'lab' && !options.force) {
    throw new MqlabError('LAB_EXISTS', `a lab already exists in ${paths.dir}; nothing was overwritten`, {
      suggestion: 'add --force to rewrite its conf/ (store/ is kept), or choose another --dir',
    })
  }
  if (state === 'other' && !options.force) {
    throw new MqlabError('DIR_NOT_EMPTY', `${paths.dir} is not empty and is not a lab; nothing was written`, {
      suggestion: 'choose an empty or new --dir, or add --force to add a lab to it',
    })
  }
  const files: string[] = []
  const removed: string[] = []
  try {
    fs.mkdirSync(paths.conf, {recursive: true})
    const wanted = new Set(plan.nodes.map((n) => n.confFile))
    if (state === 'lab') {
      for (const name of fs.readdirSync(paths.conf)) {
        if (name.endsWith('.properties') && !wanted.has(name)) {
          fs.rmSync(path.join(paths.conf, name))
          removed.push(`conf/${name}`)
        }
      }
    }
    for (const node of plan.nodes) {
      writeAtomically(path.join(paths.conf, node.confFile), renderNodeProperties(node, plan.template))
      files.push(`conf/${node.confFile}`)
      fs.mkdirSync(path.join(paths.store, node.name), {recursive: true})
    }
    fs.mkdirSync(paths.logs, {recursive: true})
    fs.mkdirSync(paths.run, {recursive: true})
    writeAtomically(paths.marker, JSON.stringify(markerFor(plan, options.now ?? new Date()), null, 2) + '\n')
    files.push('mqlab.json')
  } catch (error) {
    throw new MqlabError('WRITE_FAILED', `cannot write the lab in ${paths.dir}: ${(error as Error).message}`, {
      suggestion: 'check the folder permissions and free space',
      cause: error,
    })
  }
  return {dir: paths.dir, files, removed}
}
