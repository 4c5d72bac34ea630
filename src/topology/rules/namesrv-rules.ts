/**
 * Name server wiring: `namesrv-missing` (a lab without name servers, or a broker that registers nowhere),
 * `namesrv-unknown` (namesrvAddr points at something that is not a name server of the lab), and
 * `namesrv-partial` (a broker skips one of the lab's name servers, so clients asking that one miss it).
 * The per-file `namesrv-addr` (well-formed host:port;host:port) runs in runtime/config.
 */
import type {ConfigProblem} from '../../../runtime/config/config-problem.js'
import {parseNamesrvAddr} from '../../../runtime/config/namesrv-addr.js'
import {brokersOf, namesrvsOf, problemAt, usable} from '../lab-model.js'
import {hostsOverlap} from './host-address.js'
import type {TopologyRule} from './topology-rule.js'

/** The name server rules. */
export const namesrvRules: TopologyRule = {
  ids: ['namesrv-missing', 'namesrv-unknown', 'namesrv-partial'],
  check(lab) {
    const problems: ConfigProblem[] = []
    const namesrvs = namesrvsOf(lab).filter((n) => usable(n, 'listenPort', 'bindAddress'))
    const brokers = brokersOf(lab)
    if (namesrvsOf(lab).length === 0 && brokers.length > 0) {
      problems.push({
        severity: 'error',
        rule: 'namesrv-missing',
        file: 'conf/',
        message: 'the lab has no name server (no conf/namesrv-*.properties)',
        fix: 'run mqlab init --force, or add conf/namesrv-1.properties with listenPort=9876',
      })
    }
    const expected = namesrvs.map((n) => `${n.config.bindAddress}:${n.config.listenPort}`).join(';')
    for (const b of brokers) {
      if (!usable(b, 'namesrvAddr')) continue
      if (b.config.namesrvAddr === undefined) {
        problems.push(
          problemAt(b, 'namesrvAddr', {
            severity: 'warning',
            rule: 'namesrv-missing',
            message: `${b.name} has no namesrvAddr: it registers with no name server, so no client can find it`,
            fix: expected ? `write namesrvAddr=${expected}` : 'write namesrvAddr=host:port;host:port',
          }),
        )
        continue
      }
      const parsed = parseNamesrvAddr(b.config.namesrvAddr)
      if (!parsed.ok) continue
      const matched = new Set<string>()
      for (const addr of parsed.addresses) {
        const hit = namesrvs.find((n) => n.config.listenPort === addr.port && hostsOverlap(n.config.bindAddress, addr.host))
        if (hit) matched.add(hit.name)
        else if (namesrvs.length > 0) {
          problems.push(
            problemAt(b, 'namesrvAddr', {
              severity: 'warning',
              rule: 'namesrv-unknown',
              message: `${addr.host}:${addr.port} in ${b.name}'s namesrvAddr is not a name server of this lab`,
              fix: `write namesrvAddr=${expected}, unless that name server runs elsewhere on purpose`,
            }),
          )
        }
      }
      const missed = namesrvs.filter((n) => !matched.has(n.name))
      if (missed.length > 0 && matched.size > 0) {
        problems.push(
          problemAt(b, 'namesrvAddr', {
            severity: 'warning',
            rule: 'namesrv-partial',
            message: `${b.name} does not register with ${missed.map((n) => `${n.name} (${n.config.bindAddress}:${n.config.listenPort})`).join(', ')}: clients asking ${missed.length === 1 ? 'it' : 'them'} will not find ${b.name}`,
            fix: `write namesrvAddr=${expected}`,
          }),
        )
      }
    }
    return problems
  },
}
