/** A lab as read from disk: every node's typed config, where each key was written, and per-file problems. */
import type {BrokerConfig} from '../../runtime/config/broker-config.js'
import type {ConfigProblem} from '../../runtime/config/config-problem.js'
import type {NamesrvConfig} from '../../runtime/config/namesrv-config.js'
import type {NodeKind} from './node-naming.js'

/** Fields common to every node. */
interface LabNodeBase {
  name: string
  kind: NodeKind
  /** Relative to the lab folder, as problems show it: `conf/broker-a.properties`. */
  file: string
  /** Absolute path of the conf file. */
  path: string
  /** 1-based line of each key written in the file. */
  lines: ReadonlyMap<string, number>
  /** Keys whose value had an error (their config value is a default, so rules must not trust it). */
  failedKeys: ReadonlySet<string>
}

/** A name server node. */
export interface NamesrvNode extends LabNodeBase {
  kind: 'namesrv'
  config: NamesrvConfig
}

/** A broker node. */
export interface BrokerNode extends LabNodeBase {
  kind: 'broker'
  config: BrokerConfig
  /** ISO time of the latest `mqlab promote` of this node recorded in its file (a `# mqlab promote` comment), if any. */
  promotedAt?: string
}

/** Any node. */
export type LabNode = NamesrvNode | BrokerNode

/** The lab as read. */
export interface LabSnapshot {
  dir: string
  /** Name servers first, then brokers by brokerName, masters before slaves. */
  nodes: LabNode[]
  /** Problems found in single files (parse, keys, values, per-file rules). */
  problems: ConfigProblem[]
}

/** The brokers of a snapshot. */
export function brokersOf(lab: LabSnapshot): BrokerNode[] {
  return lab.nodes.filter((n): n is BrokerNode => n.kind === 'broker')
}

/** The name servers of a snapshot. */
export function namesrvsOf(lab: LabSnapshot): NamesrvNode[] {
  return lab.nodes.filter((n): n is NamesrvNode => n.kind === 'namesrv')
}

/** True when `key` of `node` can be trusted (it did not fail to parse). */
export function usable(node: LabNode, ...keys: string[]): boolean {
  return keys.every((k) => !node.failedKeys.has(k))
}

/** A problem located at `key` in `node`'s file. */
export function problemAt(node: LabNode, key: string, p: Omit<ConfigProblem, 'file' | 'line' | 'key'>): ConfigProblem {
  const line = node.lines.get(key)
  return {...p, file: node.file, ...(line === undefined ? {} : {line}), key}
}
