/** Where things live in a lab folder (see README "Templates": the lab folder). */
import path from 'node:path'

/** The folder `mqlab init` creates and later commands find without flags. */
export const DEFAULT_LAB_DIR = 'mqlab'

/** The paths of a lab at `dir` (made absolute). */
export interface LabPaths {
  dir: string
  /** conf/: one .properties file per node; the source of truth users edit. */
  conf: string
  /** store/<node>/: each node's storePathRootDir. */
  store: string
  logs: string
  run: string
  /** mqlab.json: marks the folder as a lab and records how it was made. */
  marker: string
}

/** Paths of the lab at `dir`, resolved against the working directory. */
export function labPaths(dir: string): LabPaths {
  const abs = path.resolve(dir)
  return {
    dir: abs,
    conf: path.join(abs, 'conf'),
    store: path.join(abs, 'store'),
    logs: path.join(abs, 'logs'),
    run: path.join(abs, 'run'),
    marker: path.join(abs, 'mqlab.json'),
  }
}
