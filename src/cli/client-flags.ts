/**
 * The flags every client command (send, consume, topic, cluster, bench) shares: which cluster to talk
 * to. Kept free of heavy imports: `--help` loads every command module.
 */
import {Flags} from '@oclif/core'
import {labDirFlag} from './lab-dir-flag.js'

/** --namesrv and --dir. */
export const clientTargetFlags = {
  namesrv: Flags.string({
    char: 'n',
    // mqadmin's -n / --namesrvAddr: the name server address list.
    aliases: ['namesrvAddr', 'namesrv-addr'],
    description: 'name servers of any RocketMQ 4.x cluster, "host:port;host:port", as mqadmin\'s -n (default: the lab\'s in --dir)',
    helpValue: 'host:port;host:port',
  }),
  dir: labDirFlag('lab folder whose name servers to use when --namesrv is not given'),
}

/** A --help paragraph saying how the target is chosen, plus the client's one deliberate difference. */
export function clientTargetHelp(routeRefreshNote: string): string {
  return `Talks to the name servers given with --namesrv (any RocketMQ 4.x cluster, a real one too), or else to those of the lab in --dir (its conf/namesrv-*.properties).\n\n${routeRefreshNote}`
}

/**
 * `-n N` used to be send's and consume's count; -n is now the name server address, as in mqadmin. A
 * bare number given to -n is still taken as the count, with a deprecation warning (no address is a
 * bare number). Returns the count to use and the flags without the misread address.
 */
export function takeLegacyCount<F extends {namesrv?: string; count?: number}>(flags: F, warn: (message: string) => void): F {
  if (flags.namesrv === undefined || !/^\d+$/.test(flags.namesrv.trim())) return flags
  warn(`-n ${flags.namesrv} as a count is deprecated: use --count ${flags.namesrv} (-n is the name server address, as in mqadmin)`)
  const {namesrv, ...rest} = flags
  return {...rest, count: flags.count ?? Number(namesrv)} as F
}
