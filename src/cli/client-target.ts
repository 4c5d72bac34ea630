/**
 * Which cluster a client command talks to: the name servers of --namesrv (any RocketMQ 4.x cluster), or
 * else those of the lab in --dir, read from its conf files (the name servers' own files, or the
 * brokers' namesrvAddr when the lab has none). A lab that is not running is told apart from name
 * servers that do not answer, by looking at the lab's nodes when no name server answered.
 */
import {parseNamesrvAddrList} from '../client/client-options.js'
import {MQClientError} from '../client/client-errors.js'
import {DiskRunFiles} from '../lab/disk-run-files.js'
import {nodeSpecs} from '../lab/lab-node-spec.js'
import {deriveNodeState, type NodeState} from '../lab/node-state.js'
import {OsProcessHost} from '../lab/os-process-host.js'
import {readLab} from '../topology/lab-reader.js'
import {MqlabError} from './mqlab-error.js'

/** The name servers a command uses, and where they came from. */
export interface ClientTarget {
  namesrvAddrs: string[]
  /** 'namesrv-flag': --namesrv; 'lab': the lab in `labDir`. */
  source: 'namesrv-flag' | 'lab'
  /** Absolute lab folder (source 'lab'), else null. */
  labDir: string | null
  /** The lab's name-server nodes by address (source 'lab'). */
  labNamesrvs: Array<{name: string; addr: string}>
  /** --dir as the user typed it, for suggestions. */
  dirFlag: string
}

/** Resolves --namesrv / --dir. Throws USAGE for a malformed list, LAB_NOT_FOUND when --dir holds no lab. */
export function resolveClientTarget(flags: {namesrv?: string; dir: string}): ClientTarget {
  if (flags.namesrv !== undefined) {
    try {
      return {namesrvAddrs: parseNamesrvAddrList(flags.namesrv), source: 'namesrv-flag', labDir: null, labNamesrvs: [], dirFlag: flags.dir}
    } catch (err) {
      throw asUsage(err)
    }
  }
  const lab = readLab(flags.dir)
  const specs = nodeSpecs(lab)
  const namesrvs = specs.filter((s) => s.kind === 'namesrv').map((s) => ({name: s.name, addr: s.addr}))
  const addrs = namesrvs.length > 0 ? namesrvs.map((n) => n.addr) : [...new Set(specs.flatMap((s) => s.namesrvAddrs))]
  if (addrs.length === 0) {
    throw new MqlabError('NAMESRV_UNREACHABLE', `the lab in ${lab.dir} names no name server`, {
      suggestion: 'add a conf/namesrv-N.properties or a namesrvAddr to the brokers, or pass --namesrv "host:port"',
    })
  }
  return {namesrvAddrs: addrs, source: 'lab', labDir: lab.dir, labNamesrvs: namesrvs, dirFlag: flags.dir}
}

/** The states of the lab's name servers (source 'lab'), from its run files and the process table. */
export function labNamesrvStates(target: ClientTarget): Array<{name: string; state: NodeState}> {
  if (target.labDir === null) return []
  const files = new DiskRunFiles(target.labDir)
  const host = new OsProcessHost()
  return target.labNamesrvs.map((n) => ({
    name: n.name,
    state: deriveNodeState(n.name, files.readRecord(n.name), files.readPid(n.name), (pid) => host.inspect(pid)).state,
  }))
}

/**
 * The CLI error for a failure of a client command: client error codes keep their names; "no name
 * server answered" against a lab whose name servers are not running becomes LAB_NOT_RUNNING.
 */
export function clientFailure(err: unknown, target: ClientTarget | undefined): unknown {
  if (err instanceof MqlabError || !(err instanceof MQClientError)) return err
  const options = {suggestion: err.suggestion, cause: err}
  switch (err.code) {
    case 'NAMESRV_UNREACHABLE':
      return unreachable(err, target)
    case 'INVALID_ARGUMENT':
    case 'MESSAGE_ILLEGAL':
    case 'TOPIC_NOT_EXIST':
    case 'BROKER_NOT_FOUND':
    case 'BROKER_ERROR':
    case 'NO_WRITABLE_QUEUE':
    case 'SEND_FAILED':
      return new MqlabError(err.code, err.message, options)
    default:
      return new MqlabError('INTERNAL', err.message, options)
  }
}

function unreachable(err: MQClientError, target: ClientTarget | undefined): MqlabError {
  if (target?.source === 'lab') {
    const states = labNamesrvStates(target)
    const described = states.map((s) => `${s.name} ${s.state}`).join(', ')
    if (states.length > 0 && states.every((s) => s.state !== 'running')) {
      return new MqlabError('LAB_NOT_RUNNING', `the lab in ${target.labDir} is not running (${described})`, {
        suggestion: `start it with mqlab up${dirHint(target.dirFlag)}`,
        details: {namesrvs: states},
      })
    }
    return new MqlabError('NAMESRV_UNREACHABLE', `${err.message}${described ? ` (${described})` : ''}`, {
      suggestion: `see mqlab status${dirHint(target.dirFlag)}; a paused name server answers nothing until mqlab resume`,
      details: {namesrvs: states},
      cause: err,
    })
  }
  return new MqlabError('NAMESRV_UNREACHABLE', err.message, {
    suggestion: 'check that --namesrv names running name servers ("host:port;host:port")',
    cause: err,
  })
}

function dirHint(dirFlag: string): string {
  return dirFlag === 'mqlab' ? '' : ` --dir ${dirFlag}`
}

function asUsage(err: unknown): unknown {
  if (err instanceof MQClientError) return new MqlabError('USAGE', err.message, {suggestion: err.suggestion, cause: err})
  return err
}
