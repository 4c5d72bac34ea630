/**
 * Where a node's files live in a lab folder (README "Templates": the lab folder): store/<node>/ (its
 * storePathRootDir), logs/<node>.log (stdout and stderr, appended), run/<node>.pid (written by the node
 * after it has bound every port) and run/<node>.json (what the supervisor knows about the process).
 */
import path from 'node:path'
import {labPaths} from '../topology/lab-paths.js'

/** One node's files. */
export interface NodePaths {
  store: string
  log: string
  pidFile: string
  /** The supervisor's record of the process it started (see node-record.ts). */
  recordFile: string
}

/** The files of node `name` in the lab at `dir`. */
export function nodePaths(dir: string, name: string): NodePaths {
  const lab = labPaths(dir)
  return {
    store: path.join(lab.store, name),
    log: path.join(lab.logs, `${name}.log`),
    pidFile: path.join(lab.run, `${name}.pid`),
    recordFile: path.join(lab.run, `${name}.json`),
  }
}
