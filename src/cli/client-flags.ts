/**
 * The flags every client command (send, consume, topic, cluster, bench) shares: which cluster to talk
 * to. Kept free of heavy imports: `--help` loads every command module.
 */
import {Flags} from '@oclif/core'
import {labDirFlag} from './lab-dir-flag.js'

/** --namesrv and --dir. */
export const clientTargetFlags = {
  namesrv: Flags.string({
    description: 'name servers of any RocketMQ 4.x cluster, "host:port;host:port" (default: the lab\'s in --dir)',
    helpValue: 'host:port;host:port',
  }),
  dir: labDirFlag('lab folder whose name servers to use when --namesrv is not given'),
}

/** A --help paragraph saying how the target is chosen, plus the client's one deliberate difference. */
export function clientTargetHelp(routeRefreshNote: string): string {
  return `Talks to the name servers given with --namesrv (any RocketMQ 4.x cluster, a real one too), or else to those of the lab in --dir (its conf/namesrv-*.properties).\n\n${routeRefreshNote}`
}
