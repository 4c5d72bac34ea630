/**
 * How a node process is started: `node bin/mqnamesrv.js -c FILE` or `node bin/mqbroker.js -c FILE`, as
 * RocketMQ's mqnamesrv/mqbroker take -c, in the lab folder (relative paths in conf files resolve there),
 * with MQLAB_PID_FILE telling the node where to write its pid once its ports are bound.
 */
import path from 'node:path'
import {packageRoot} from '../package-root.js'
import type {LabNodeSpec} from './lab-node-spec.js'
import type {SpawnRequest} from './process-host.js'

/** bin/ of the mqlab package, with a trailing separator. */
export function packageBinDir(): string {
  return path.join(packageRoot(), 'bin') + path.sep
}

/** The spawn request for a node of the lab at `labDir`. */
export function nodeLaunch(spec: LabNodeSpec, pidFile: string, labDir: string, env: NodeJS.ProcessEnv = process.env): Omit<SpawnRequest, 'logFile'> {
  const script = `${packageBinDir()}${spec.kind === 'namesrv' ? 'mqnamesrv.js' : 'mqbroker.js'}`
  const childEnv: Record<string, string> = {}
  for (const [k, v] of Object.entries(env)) if (v !== undefined) childEnv[k] = v
  childEnv.MQLAB_PID_FILE = pidFile
  return {command: process.execPath, args: [script, '-c', spec.confPath], cwd: labDir, env: childEnv}
}
