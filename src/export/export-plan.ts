/**
 * `mqlab export` (pure part): a lab's topology laid out over real hosts as Apache RocketMQ 4.9 configs.
 * Nodes are placed the way real deployments cross them: name server i on host i, group g's master on
 * host g and its slave j on host g+j (so a master and its slave never share a machine when there are two
 * hosts or more), DLedger member i on host i. RocketMQ's default ports come back (name server 9876,
 * broker listenPort 10911 with 10909 and 10912); a second broker on one host takes 10921, as the lab
 * did. Every key of each file is kept; only what depends on the machine is rewritten: brokerIP1,
 * namesrvAddr, listenPort/haListenPort, dLegerPeers, the store paths (under `storeRoot/<node>`) and a
 * name server's kvConfigPath.
 */
import {parseDLedgerPeers} from '../../runtime/config/dledger-peers.js'
import type {LabNode, LabSnapshot} from '../topology/lab-model.js'
import {setProperties} from '../topology/properties-edit.js'

/** RocketMQ's default ports. */
export const DEFAULT_PORTS = {namesrv: 9876, broker: 10911, dledger: 40911} as const

/** One exported node. */
export interface ExportedNode {
  name: string
  kind: 'namesrv' | 'broker'
  /** The conf file's name (`broker-a.properties`). */
  file: string
  host: string
  /** master | slave | dledger | namesrv: decides the start order. */
  role: 'namesrv' | 'master' | 'slave' | 'dledger'
  listenPort: number
  storeDir: string
  /** The rewritten file. */
  text: string
  /** Keys changed, for the report. */
  changed: string[]
}

/** The export. */
export interface ExportPlan {
  hosts: string[]
  storeRoot: string
  namesrvAddr: string
  nodes: ExportedNode[]
}

/** Checks `--hosts` (pure): names or addresses, no ports, no duplicates. */
export function parseHosts(value: string): string[] {
  const hosts = value
    .split(',')
    .map((h) => h.trim())
    .filter((h) => h !== '')
  const bad = hosts.filter((h) => !/^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(h))
  if (hosts.length === 0 || bad.length > 0)
    throw new Error(`--hosts wants host names or addresses separated by commas (no ports)${bad.length ? `: not one: ${bad.join(', ')}` : ''}`)
  const dup = hosts.find((h, i) => hosts.indexOf(h) !== i)
  if (dup) throw new Error(`--hosts names ${dup} twice`)
  return hosts
}

/** Plans the export of `lab` (its files read as `texts`, by node name) over `hosts`. */
export function planExport(lab: LabSnapshot, texts: ReadonlyMap<string, string>, hosts: readonly string[], storeRoot: string): ExportPlan {
  const placed = lab.nodes.map((node) => ({node, host: hosts[slotOf(lab, node) % hosts.length]!}))
  // Ports: RocketMQ's default first on each host, then +1 (name servers) or +10 (brokers) for each further node.
  const used = new Map<string, number>()
  const next = (host: string, kind: string, base: number, step: number) => {
    const k = `${host}/${kind}`
    const n = used.get(k) ?? 0
    used.set(k, n + 1)
    return base + n * step
  }
  const ports = new Map(
    placed.map(({node, host}) => [
      node.name,
      node.kind === 'namesrv' ? next(host, 'namesrv', DEFAULT_PORTS.namesrv, 1) : next(host, 'broker', DEFAULT_PORTS.broker, 10),
    ]),
  )
  const raftPorts = new Map(
    placed
      .filter(({node}) => node.kind === 'broker' && node.config.enableDLegerCommitLog)
      .map(({node, host}) => [node.name, next(host, 'dledger', DEFAULT_PORTS.dledger, 1)]),
  )
  const hostOf = new Map(placed.map(({node, host}) => [node.name, host]))
  const namesrvAddr = placed
    .filter(({node}) => node.kind === 'namesrv')
    .map(({node, host}) => `${host}:${ports.get(node.name)}`)
    .join(';')

  const nodes = placed.map(({node, host}): ExportedNode => {
    const text = texts.get(node.name) ?? ''
    const storeDir = `${storeRoot.replace(/\/+$/, '')}/${node.name}`
    const listenPort = ports.get(node.name)!
    const values: Record<string, string> = {listenPort: String(listenPort)}
    let role: ExportedNode['role'] = 'namesrv'
    if (node.kind === 'namesrv') {
      values.kvConfigPath = `${storeDir}/kvConfig.json`
      // mqlab-only; kept so `mqlab validate` knows which host this name server is on (RocketMQ ignores it)
      values.bindAddress = host
    } else {
      const c = node.config
      role = c.enableDLegerCommitLog ? 'dledger' : c.brokerRole === 'SLAVE' ? 'slave' : 'master'
      Object.assign(values, {brokerIP1: host, haListenPort: String(listenPort + 1), storePathRootDir: storeDir, storePathCommitLog: `${storeDir}/commitlog`})
      if (namesrvAddr !== '') values.namesrvAddr = namesrvAddr
      for (const key of ['storePathConsumeQueue', 'storePathIndex', 'storeCheckpoint', 'abortFile', 'storePathDLedgerCommitLog']) {
        if (node.lines.has(key)) values[key] = `${storeDir}/${defaultLeaf(key, c.dLegerSelfId)}`
      }
      if (c.brokerIP2 !== undefined && node.lines.has('brokerIP2')) values.brokerIP2 = host
      if (c.enableDLegerCommitLog && c.dLegerPeers) values.dLegerPeers = exportPeers(c.dLegerPeers, lab, c.dLegerGroup, hostOf, raftPorts)
    }
    const edit = setProperties(dropStaleComments(text, Object.keys(values)), values)
    return {
      name: node.name,
      kind: node.kind,
      file: node.file.replace(/^conf\//, ''),
      host,
      role,
      listenPort,
      storeDir,
      text: `# Exported by mqlab export for host ${host}: addresses, ports and store paths rewritten for real hosts.\n${edit.text}`,
      changed: edit.changes.map((ch) => ch.key),
    }
  })
  return {hosts: [...hosts], storeRoot, namesrvAddr, nodes}
}

/** The node's slot: its index among name servers, its group's index (+ slave number), or its DLedger member index. */
function slotOf(lab: LabSnapshot, node: LabNode): number {
  if (node.kind === 'namesrv') return lab.nodes.filter((n) => n.kind === 'namesrv').indexOf(node)
  const c = node.config
  const groups = [...new Set(lab.nodes.filter((n) => n.kind === 'broker').map((n) => (n.kind === 'broker' ? n.config.brokerName : '')))]
  const g = groups.indexOf(c.brokerName)
  if (c.enableDLegerCommitLog) {
    const members = lab.nodes.filter((n) => n.kind === 'broker' && n.config.brokerName === c.brokerName)
    return g + members.indexOf(node)
  }
  if (c.brokerRole !== 'SLAVE') return g
  const slaves = lab.nodes.filter((n) => n.kind === 'broker' && n.config.brokerName === c.brokerName && n.config.brokerRole === 'SLAVE')
  return g + 1 + slaves.indexOf(node)
}

function defaultLeaf(key: string, selfId: string | undefined): string {
  return (
    {
      storePathConsumeQueue: 'consumequeue',
      storePathIndex: 'index',
      storeCheckpoint: 'checkpoint',
      abortFile: 'abort',
      storePathDLedgerCommitLog: `dledger-${selfId ?? 'n0'}`,
    }[key] ?? key
  )
}

/** dLegerPeers with each member's host and raft port (members found by their dLegerSelfId in the group). */
function exportPeers(
  peers: string,
  lab: LabSnapshot,
  group: string | undefined,
  hostOf: ReadonlyMap<string, string>,
  raftPorts: ReadonlyMap<string, number>,
): string {
  const parsed = parseDLedgerPeers(peers)
  if (!parsed.ok) return peers
  return parsed.peers
    .map((p) => {
      const member = lab.nodes.find(
        (n) =>
          n.kind === 'broker' && n.config.enableDLegerCommitLog && n.config.dLegerSelfId === p.id && (group === undefined || n.config.dLegerGroup === group),
      )
      if (!member) return `${p.id}-${p.host}:${p.port}`
      return `${p.id}-${hostOf.get(member.name)}:${raftPorts.get(member.name)}`
    })
    .join(';')
}

/**
 * Drops the comment lines right above a key the export rewrites: they describe the lab's value
 * ("also occupies 10919", "mqlab also binds it") and would be wrong on the real host.
 */
function dropStaleComments(text: string, keys: readonly string[]): string {
  const lines = text.split('\n')
  const drop = new Set<number>()
  lines.forEach((line, i) => {
    const key = /^\s*([^#!\s=:]+)\s*[=:\s]/.exec(line)?.[1]
    if (key === undefined || !keys.includes(key)) return
    for (let j = i - 1; j >= 0 && /^\s*[#!]/.test(lines[j]!); j--) drop.add(j)
  })
  return lines.filter((_, i) => !drop.has(i)).join('\n')
}
