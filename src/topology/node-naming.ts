/**
 * Node names (what users type: `namesrv-1`, `broker-a-master`, `broker-a-slave`, `broker-a-n0`) and the
 * conf file each lives in (named like RocketMQ's sample confs: `broker-a.properties`, `broker-a-s.properties`).
 */

/** The two kinds of process a lab runs. */
export type NodeKind = 'namesrv' | 'broker'

/** Node name of the i-th (1-based) name server. */
export function namesrvNodeName(index: number): string {
  return `namesrv-${index}`
}

/** Node name of a broker: `<brokerName>-master`, `-slave` (`-slave-N` for the N-th, N > 1), or `-<selfId>` for DLedger. */
export function brokerNodeName(brokerName: string, role: {master: true} | {slave: number} | {dledgerId: string}): string {
  if ('master' in role) return `${brokerName}-master`
  if ('slave' in role) return role.slave === 1 ? `${brokerName}-slave` : `${brokerName}-slave-${role.slave}`
  return `${brokerName}-${role.dledgerId}`
}

/** The conf file name for a node name (`broker-a-master` → `broker-a.properties`, `broker-a-slave` → `broker-a-s.properties`). */
export function confFileName(nodeName: string): string {
  const m = /^(.*)-(master|slave)(?:-(\d+))?$/.exec(nodeName)
  if (m?.[2] === 'master') return `${m[1]}.properties`
  if (m?.[2] === 'slave') return `${m[1]}-s${m[3] ?? ''}.properties`
  return `${nodeName}.properties`
}

/**
 * The node a conf file holds, from its name: `namesrv*` files are name servers; for brokers the inverse
 * of confFileName (`X-s.properties` → `X-slave`, `X-nK.properties` → `X-nK`, `X.properties` → `X-master`).
 */
export function nodeFromConfFile(fileName: string): {name: string; kind: NodeKind} {
  const base = fileName.replace(/\.properties$/, '')
  if (/^namesrv/.test(base)) return {name: base, kind: 'namesrv'}
  const slave = /^(.*)-s(\d*)$/.exec(base)
  if (slave) return {name: slave[2] === '' || slave[2] === '1' ? `${slave[1]}-slave` : `${slave[1]}-slave-${slave[2]}`, kind: 'broker'}
  if (/-n\d+$/.test(base)) return {name: base, kind: 'broker'}
  return {name: `${base}-master`, kind: 'broker'}
}
