/**
 * The per-host start/stop scripts and the README of an export (pure). The scripts run Apache
 * RocketMQ's own bin/mqnamesrv and bin/mqbroker from $ROCKETMQ_HOME (an unpacked official
 * distribution), name servers before brokers; `start.sh namesrv|masters|slaves` runs one step, so the
 * cluster-wide order of the README can be followed host by host. stop.sh uses bin/mqshutdown, which
 * stops every broker (then name server) of the machine, as RocketMQ's docs do.
 */
import type {ExportPlan, ExportedNode} from './export-plan.js'

const STEPS = ['namesrv', 'masters', 'slaves'] as const

function stepOf(n: ExportedNode): (typeof STEPS)[number] {
  return n.role === 'namesrv' ? 'namesrv' : n.role === 'slave' ? 'slaves' : 'masters'
}

/** start.sh of one host. */
export function renderStartScript(host: string, nodes: readonly ExportedNode[]): string {
  const lines = [
    '#!/bin/sh',
    `# Starts the RocketMQ nodes of host ${host} (exported by mqlab export) with Apache RocketMQ's own scripts.`,
    '# Usage: ./start.sh [all|namesrv|masters|slaves]   (the cluster-wide order is in ../README.md)',
    'set -e',
    ': "${ROCKETMQ_HOME:?set ROCKETMQ_HOME to an unpacked Apache RocketMQ 4.9 distribution}"',
    'HERE=$(cd "$(dirname "$0")" && pwd)',
    'STEP=${1:-all}',
    'mkdir -p "$HERE/logs"',
    'start() { # step node script conf store',
    '  case "$STEP" in all|"$1") ;; *) return 0 ;; esac',
    '  mkdir -p "$5"',
    '  echo "starting $2 ($3 -c $4)"',
    '  nohup sh "$ROCKETMQ_HOME/bin/$3" -c "$HERE/conf/$4" > "$HERE/logs/$2.out" 2>&1 &',
    '}',
  ]
  for (const step of STEPS) {
    for (const n of nodes.filter((x) => stepOf(x) === step)) {
      lines.push(`start ${step} ${n.name} ${n.kind === 'namesrv' ? 'mqnamesrv' : 'mqbroker'} ${n.file} ${n.storeDir}`)
    }
  }
  lines.push('echo "started; the JVM logs are in ~/logs/rocketmqlogs, stdout in $HERE/logs"', '')
  return lines.join('\n')
}

/** stop.sh of one host. */
export function renderStopScript(host: string, nodes: readonly ExportedNode[]): string {
  const hasBroker = nodes.some((n) => n.kind === 'broker')
  const hasNamesrv = nodes.some((n) => n.kind === 'namesrv')
  return [
    '#!/bin/sh',
    `# Stops the RocketMQ nodes of host ${host}: brokers first (they unregister), then the name server.`,
    '# bin/mqshutdown stops every broker / name server JVM of this machine.',
    ': "${ROCKETMQ_HOME:?set ROCKETMQ_HOME to an unpacked Apache RocketMQ 4.9 distribution}"',
    ...(hasBroker ? ['sh "$ROCKETMQ_HOME/bin/mqshutdown" broker'] : []),
    ...(hasNamesrv ? ['sh "$ROCKETMQ_HOME/bin/mqshutdown" namesrv'] : []),
    '',
  ].join('\n')
}

/** README.md of the export. */
export function renderExportReadme(plan: ExportPlan, labDir: string): string {
  const byHost = plan.hosts.map((h) => ({host: h, nodes: plan.nodes.filter((n) => n.host === h)}))
  const table = byHost.flatMap(({host, nodes}) =>
    nodes.map(
      (n) =>
        `| ${host} | ${n.name} | ${n.role} | ${n.file} | ${n.listenPort}${n.kind === 'broker' ? ` (also ${n.listenPort - 2}, ${n.listenPort + 1})` : ''} | ${n.storeDir} |`,
    ),
  )
  const step = (s: (typeof STEPS)[number]) => byHost.filter(({nodes}) => nodes.some((n) => stepOf(n) === s)).map(({host}) => host)
  return `# RocketMQ cluster exported from ${labDir}

One folder per host. Each holds \`conf/\` (the lab's RocketMQ 4.9 .properties files with addresses, ports
and store paths rewritten for the real hosts), \`start.sh\` and \`stop.sh\` (they run Apache RocketMQ's own
\`bin/mqnamesrv\` / \`bin/mqbroker\` / \`bin/mqshutdown\` from \`$ROCKETMQ_HOME\`).

Name servers: \`${plan.namesrvAddr}\`. Store root: \`${plan.storeRoot}/<node>\` on each host.

| host | node | role | file | ports | store |
|---|---|---|---|---|---|
${table.join('\n')}

## Start order

Copy each folder to its host, install the same Apache RocketMQ 4.9 distribution there and set
\`ROCKETMQ_HOME\`. Then, across the cluster:

1. name servers: \`./start.sh namesrv\` on ${step('namesrv').join(', ') || '(none)'}
2. masters${plan.nodes.some((n) => n.role === 'dledger') ? ' and DLedger members' : ''}: \`./start.sh masters\` on ${step('masters').join(', ') || '(none)'}
3. slaves: \`./start.sh slaves\` on ${step('slaves').join(', ') || '(none)'}

(\`./start.sh\` alone starts everything of one host in that order; brokers retry registering every 30 s,
so a broker started before the name servers recovers, but later.)

Stop in reverse: \`./stop.sh\` on the slaves' hosts, then the masters', then the name servers'.

## Checks

- \`sh $ROCKETMQ_HOME/bin/mqadmin clusterList -n "${plan.namesrvAddr}"\`: every broker listed, masters
  with BID 0, slaves with BID > 0.
- Ports open between the hosts: name servers ${[...new Set(plan.nodes.filter((n) => n.kind === 'namesrv').map((n) => n.listenPort))].join(', ')}; each broker its
  listenPort, listenPort−2 (fast channel) and listenPort+1 (HA: slaves connect to it)${plan.nodes.some((n) => n.role === 'dledger') ? '; DLedger members their dLegerPeers port' : ''}.
- Heap: \`bin/runbroker.sh\` asks for an 8 GB heap (\`-Xms8g -Xmx8g\`) and \`bin/runserver.sh\` 4 GB; lower
  them on smaller machines. On Java 9+, 4.9's scripts pick their GC options by Java version.
- Before starting, \`mqlab export\` validated this set with the hosts as given (port overlaps, shared
  stores, roles, name servers, DLedger groups per real host); its report is in \`export.json\`.
`
}
