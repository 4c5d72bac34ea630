/**
 * `store-shared`: each broker needs its own store. RocketMQ locks <storePathRootDir>/lock, so a second
 * broker on the same root fails with "Lock failed, MQ already started"; worse, two roots that share a
 * commitlog (storePathCommitLog) or nest inside each other corrupt each other with no lock to stop them.
 * Derived paths follow StorePathConfigHelper (consumequeue, index, checkpoint, abort, lock, config under
 * the root) and DLedger's default data dir (<root>/dledger-<selfId>). Name servers sharing a kvConfigPath
 * overwrite each other's KV config (a warning).
 */
import os from 'node:os'
import path from 'node:path'
import type {ConfigProblem} from '../../../runtime/config/config-problem.js'
import {brokersOf, namesrvsOf, problemAt, usable, type BrokerNode} from '../lab-model.js'
import type {TopologyRule} from './topology-rule.js'

/** A path a broker owns, and the key that sets it. */
interface OwnedPath {
  path: string
  what: string
  key: string
}

/** The store-shared rule. */
export const storeRules: TopologyRule = {
  ids: ['store-shared'],
  check(lab) {
    const problems: ConfigProblem[] = []
    const brokers = brokersOf(lab).filter((b) => usable(b, 'storePathRootDir', 'storePathCommitLog'))
    brokers.forEach((node, i) => {
      for (const other of brokers.slice(0, i)) {
        const problem = compare(other, node, lab.dir)
        if (problem) problems.push(problem)
      }
    })
    const seen = new Map<string, string>()
    for (const ns of namesrvsOf(lab)) {
      // NamesrvConfig's default is ~/namesrv/kvConfig.json for every name server on the machine.
      const kv = path.resolve(ns.config.kvConfigPath ?? path.join(os.homedir(), 'namesrv', 'kvConfig.json'))
      const first = seen.get(kv)
      if (first !== undefined) {
        problems.push(
          problemAt(ns, 'kvConfigPath', {
            severity: 'warning',
            rule: 'store-shared',
            message: `${ns.name} and ${first} share kvConfigPath ${kv}: they overwrite each other's KV config`,
            fix: `write kvConfigPath=${lab.dir}/store/${ns.name}/kvConfig.json`,
          }),
        )
      } else seen.set(kv, ns.name)
    }
    return problems
  },
}

function compare(first: BrokerNode, later: BrokerNode, labDir: string): ConfigProblem | undefined {
  const fix = `give ${later.name} its own store: storePathRootDir=${labDir}/store/${later.name} and storePathCommitLog=${labDir}/store/${later.name}/commitlog`
  const a = path.resolve(first.config.storePathRootDir)
  const b = path.resolve(later.config.storePathRootDir)
  if (a === b) {
    return problemAt(later, 'storePathRootDir', {
      severity: 'error',
      rule: 'store-shared',
      message: `${later.name} and ${first.name} share storePathRootDir ${b}: the second to start fails with "Lock failed, MQ already started"`,
      fix,
    })
  }
  if (inside(b, a) || inside(a, b)) {
    const [inner, outer] = inside(b, a) ? [later, first] : [first, later]
    return problemAt(later, 'storePathRootDir', {
      severity: 'error',
      rule: 'store-shared',
      message: `${inner.name}'s store ${path.resolve(inner.config.storePathRootDir)} is inside ${outer.name}'s store ${path.resolve(outer.config.storePathRootDir)}`,
      fix,
    })
  }
  for (const p of ownedPaths(later)) {
    for (const q of ownedPaths(first)) {
      if (p.path === q.path || inside(p.path, q.path) || inside(q.path, p.path)) {
        return problemAt(later, p.key, {
          severity: 'error',
          rule: 'store-shared',
          message: `${later.name}'s ${p.what} ${p.path} overlaps ${first.name}'s ${q.what} ${q.path}: both would write the same files, and no lock stops them`,
          fix,
        })
      }
    }
  }
  return undefined
}

function ownedPaths(node: BrokerNode): OwnedPath[] {
  const c = node.config
  const root = path.resolve(c.storePathRootDir)
  const owned: OwnedPath[] = [{path: path.resolve(c.storePathCommitLog), what: 'commitlog', key: 'storePathCommitLog'}]
  for (const sub of ['consumequeue', 'index', 'checkpoint', 'abort', 'lock', 'config']) {
    owned.push({path: path.join(root, sub), what: sub, key: 'storePathRootDir'})
  }
  if (c.enableDLegerCommitLog) {
    const data = c.storePathDLedgerCommitLog ?? path.join(root, `dledger-${c.dLegerSelfId ?? ''}`)
    owned.push({path: path.resolve(data), what: 'DLedger data', key: c.storePathDLedgerCommitLog ? 'storePathDLedgerCommitLog' : 'storePathRootDir'})
  }
  return owned
}

/** True when `child` is strictly inside `parent`. */
function inside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child)
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel)
}
