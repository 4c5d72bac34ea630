/**
 * Turns a template and the init options into a plan: every node with its host address, the ports it
 * occupies, and the .properties entries to write. Pure: no files.
 *
 * Port scheme. Each simulated host has its own loopback address (one host: 127.0.0.1; N hosts: 127.0.0.2,
 * 127.0.0.3, …). On each host, name servers take 9876, 9877, …; classic brokers take listenPort 10911,
 * 10921, 10931, … (each also holds listenPort-2 and listenPort+1, so steps of 10 leave room); DLedger
 * members take listenPort 30911, 30921, … and raft ports 40911, 40912, … With several hosts the layout is
 * crossed as in real deployments: group g's master on host g, its slave on host g+1, so every host runs
 * a name server and one master on RocketMQ's default ports 9876/10911, plus another group's slave.
 */
import type {FlushDiskType} from '../../runtime/config/broker-config.js'
import {formatDLedgerPeers, type DLedgerPeer} from '../../runtime/config/dledger-peers.js'
import {brokerNodeName, confFileName, namesrvNodeName, type NodeKind} from './node-naming.js'
import type {TemplateSpec} from './template-spec.js'

/** RocketMQ's default is 1 GiB; a lab uses 16 MiB files so rolling and cleanup happen with little traffic. */
export const LAB_COMMITLOG_FILE_SIZE = 16 * 1024 * 1024

/** What `mqlab init` was asked for. */
export interface LabOptions {
  /** Absolute lab folder. */
  dir: string
  namesrvCount: number
  flushDiskType: FlushDiskType
  clusterName: string
  hosts: number
  /** The first host's loopback address (default 127.0.0.1, or 127.0.0.2 with several hosts): `init --host`. */
  host?: string
  /** Added to every port of the scheme (`init --port-offset`), so labs can run side by side. */
  portOffset?: number
}

/** One port a node occupies and why. */
export interface PlannedPort {
  port: number
  use: string
}

/** One key=value line, with an optional comment line above it. */
export interface PlannedEntry {
  key: string
  value: string
  comment?: string
  /** Written as `#key=value`: an option the user may switch on. */
  commentedOut?: boolean
}

/** A node to write. */
export interface PlannedNode {
  name: string
  kind: NodeKind
  /** File name inside conf/. */
  confFile: string
  /** One line saying what the node is. */
  description: string
  host: string
  ports: PlannedPort[]
  entries: PlannedEntry[]
}

/** A whole lab to write. */
export interface LabPlan {
  template: string
  options: LabOptions
  hosts: string[]
  nodes: PlannedNode[]
}

/** Loopback address of each simulated host: from `first` on, the last octet counting up. */
export function hostAddresses(count: number, first?: string): string[] {
  if (first === undefined) {
    if (count <= 1) return ['127.0.0.1']
    return Array.from({length: count}, (_, i) => `127.0.0.${i + 2}`)
  }
  const octets = first.split('.').map(Number)
  return Array.from({length: Math.max(1, count)}, (_, i) => [...octets.slice(0, 3), octets[3]! + i].join('.'))
}

interface BrokerSeat {
  name: string
  brokerName: string
  description: string
  host: string
  role: {master: true} | {slave: number} | {dledgerId: string}
}

/** Plans the lab; options are assumed already checked (counts >= 1). */
export function planLab(spec: TemplateSpec, options: LabOptions): LabPlan {
  const hosts = hostAddresses(options.hosts, options.host)
  const offset = options.portOffset ?? 0
  const hostOf = (i: number) => hosts[i % hosts.length]
  const nextPort = new Map<string, number>()
  const take = (host: string, kind: string) => {
    const key = `${host}/${kind}`
    const slot = nextPort.get(key) ?? 0
    nextPort.set(key, slot + 1)
    return slot
  }

  const namesrvs = Array.from({length: options.namesrvCount}, (_, i) => {
    const host = hostOf(i)
    return {name: namesrvNodeName(i + 1), host, port: 9876 + offset + take(host, 'namesrv')}
  })
  const namesrvAddr = namesrvs.map((n) => `${n.host}:${n.port}`).join(';')

  const seats: BrokerSeat[] = []
  if (spec.mode === 'master-slave') {
    spec.groups.forEach((brokerName, g) => {
      seats.push({
        name: brokerNodeName(brokerName, {master: true}),
        brokerName,
        host: hostOf(g),
        role: {master: true},
        description: `master of ${brokerName} (${spec.masterRole})`,
      })
    })
    spec.groups.forEach((brokerName, g) => {
      for (let s = 1; s <= spec.slavesPerGroup; s++) {
        seats.push({
          name: brokerNodeName(brokerName, {slave: s}),
          brokerName,
          host: hostOf(g + s),
          role: {slave: s},
          description: `slave ${s} of ${brokerName}`,
        })
      }
    })
    // One host: keep each group together (a-master, a-slave, b-master, …) so ports read in order.
    if (hosts.length === 1) seats.sort((a, b) => spec.groups.indexOf(a.brokerName) - spec.groups.indexOf(b.brokerName))
  } else {
    let member = 0
    for (const brokerName of spec.groups) {
      for (let k = 0; k < spec.peersPerGroup; k++) {
        const id = `n${k}`
        seats.push({
          name: brokerNodeName(brokerName, {dledgerId: id}),
          brokerName,
          host: hostOf(member++),
          role: {dledgerId: id},
          description: `DLedger member ${id} of ${brokerName}`,
        })
      }
    }
  }

  const listenPorts = new Map<string, number>()
  const raftPeers = new Map<string, DLedgerPeer[]>()
  for (const seat of seats) {
    if ('dledgerId' in seat.role) {
      const slot = take(seat.host, 'dledger')
      listenPorts.set(seat.name, 30911 + offset + 10 * slot)
      const peers = raftPeers.get(seat.brokerName) ?? []
      peers.push({id: seat.role.dledgerId, host: seat.host, port: 40911 + offset + slot})
      raftPeers.set(seat.brokerName, peers)
    } else {
      listenPorts.set(seat.name, 10911 + offset + 10 * take(seat.host, 'broker'))
    }
  }

  const nodes: PlannedNode[] = namesrvs.map((n) => ({
    name: n.name,
    kind: 'namesrv',
    confFile: confFileName(n.name),
    description: 'name server',
    host: n.host,
    ports: [{port: n.port, use: 'listenPort'}],
    entries: [
      {key: 'listenPort', value: String(n.port)},
      {key: 'bindAddress', value: n.host, comment: 'mqlab only: the address to bind; a real RocketMQ name server ignores it and binds every interface'},
      {
        key: 'kvConfigPath',
        value: `${options.dir}/store/${n.name}/kvConfig.json`,
        comment: 'per node, so name servers on one machine do not share ~/namesrv/kvConfig.json',
      },
    ],
  }))

  for (const seat of seats) {
    const listenPort = listenPorts.get(seat.name)!
    const root = `${options.dir}/store/${seat.name}`
    const ports: PlannedPort[] = [
      {port: listenPort - 2, use: 'fast channel (listenPort-2)'},
      {port: listenPort, use: 'listenPort'},
      {port: listenPort + 1, use: 'haListenPort (listenPort+1)'},
    ]
    const entries: PlannedEntry[] = [
      {key: 'brokerClusterName', value: options.clusterName},
      {key: 'brokerName', value: seat.brokerName},
    ]
    if ('dledgerId' in seat.role) {
      const peers = raftPeers.get(seat.brokerName)!
      const self = peers.find((p) => p.id === (seat.role as {dledgerId: string}).dledgerId)!
      ports.push({port: self.port, use: 'DLedger port (dLegerPeers)'})
      entries.push(
        {key: 'enableDLegerCommitLog', value: 'true', comment: 'DLedger mode: raft elects the master; brokerId and brokerRole come from the election'},
        {key: 'dLegerGroup', value: seat.brokerName},
        {key: 'dLegerPeers', value: formatDLedgerPeers(peers), comment: 'identical on every member of the group'},
        {key: 'dLegerSelfId', value: self.id},
        {
          key: 'mqlabDLegerHeartBeatIntervalMs',
          value: '500',
          comment:
            "mqlab-only lab keys (a RocketMQ broker ignores them): DLedger's timings are fixed at 2 s heartbeats, 3 missed before an election, 300-1000 ms between vote rounds, so a failover takes 5-14 s as in production; uncomment these to shorten them for experiments",
          commentedOut: true,
        },
        {key: 'mqlabDLegerMaxHeartBeatLeak', value: '3', commentedOut: true},
        {key: 'mqlabDLegerMinVoteIntervalMs', value: '100', commentedOut: true},
        {key: 'mqlabDLegerMaxVoteIntervalMs', value: '300', commentedOut: true},
      )
    } else {
      const master = 'master' in seat.role
      entries.push(
        {
          key: 'brokerId',
          value: master ? '0' : String((seat.role as {slave: number}).slave),
          comment: master ? '0 is the master' : 'a slave: > 0, unique within its brokerName',
        },
        {key: 'brokerRole', value: master ? (spec as {masterRole: string}).masterRole : 'SLAVE'},
      )
    }
    entries.push(
      {key: 'flushDiskType', value: options.flushDiskType},
      {key: 'namesrvAddr', value: namesrvAddr},
      {key: 'brokerIP1', value: seat.host, comment: 'advertised to clients; mqlab also binds it'},
      {key: 'listenPort', value: String(listenPort), comment: `also occupies ${listenPort - 2} (fast channel, listenPort-2)`},
      {key: 'haListenPort', value: String(listenPort + 1), comment: 'RocketMQ 4.x always uses listenPort+1'},
      {key: 'storePathRootDir', value: root},
      {key: 'storePathCommitLog', value: `${root}/commitlog`},
      {key: 'deleteWhen', value: '04', comment: "delete expired commitlog files at 04:00, keep them 48 hours (as RocketMQ's sample confs)"},
      {key: 'fileReservedTime', value: '48'},
      {key: 'mappedFileSizeCommitLog', value: String(LAB_COMMITLOG_FILE_SIZE), comment: '16 MiB commitlog files (RocketMQ default 1 GiB): small for a lab'},
      {key: 'maxMessageSize', value: String(4 * 1024 * 1024)},
      {key: 'autoCreateTopicEnable', value: 'true'},
      {key: 'defaultTopicQueueNums', value: '8'},
    )
    nodes.push({name: seat.name, kind: 'broker', confFile: confFileName(seat.name), description: seat.description, host: seat.host, ports, entries})
  }
  return {template: spec.name, options, hosts, nodes}
}
