/** Which nodes of the lab in a folder have a live process, from its run files alone (no conf/ needed). */
import {DiskRunFiles} from './disk-run-files.js'
import {deriveNodeState, isLive} from './node-state.js'
import {OsProcessHost} from './os-process-host.js'

/** Names of the live (running or paused) nodes of the lab in `dir`. */
export function liveNodesIn(dir: string): string[] {
  const files = new DiskRunFiles(dir)
  const host = new OsProcessHost()
  return files
    .nodesWithRunFiles()
    .filter((node) => isLive(deriveNodeState(node, files.readRecord(node), files.readPid(node), (pid) => host.inspect(pid)).state))
}
