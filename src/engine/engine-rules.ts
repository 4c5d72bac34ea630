/**
 * What `mqlab validate` adds for nodes that run on Apache RocketMQ (pure). A JVM name server or broker
 * binds every interface (NettyServerConfig has no bind address in 4.9), so a Java node's ports are
 * taken on all of 127.0.0.0/8: simulated hosts that share a port number cannot both run Java, and a
 * Java node collides with any node on another loopback address using one of its ports (`jvm-binds-all`,
 * an error: the second one fails with "Address already in use"). Per node it also notes the JVM's
 * memory and the mqlab-only keys the JVM ignores.
 */
import type {ConfigProblem} from '../../runtime/config/config-problem.js'
import type {LabSnapshot} from '../topology/lab-model.js'
import {portClaims} from '../topology/rules/node-ports.js'
import {HEAP_MB} from './jvm-options.js'
import {engineOf, type LabEngines} from './lab-engines.js'

/** One node's engine and what running on it means. */
export interface NodeEngineNote {
  node: string
  engine: 'embedded' | 'apache'
  notes: string[]
}

/** jvm-binds-all problems (pure). */
export function engineProblems(lab: LabSnapshot, engines: LabEngines): ConfigProblem[] {
  const problems: ConfigProblem[] = []
  const claims = lab.nodes.map((n) => ({node: n, claims: portClaims(n), jvm: engineOf(engines, n.name) === 'apache'}))
  for (const a of claims) {
    if (!a.jvm) continue
    for (const b of claims) {
      if (b.node === a.node) continue
      for (const ca of a.claims) {
        const hit = b.claims.find((cb) => cb.port === ca.port && cb.host !== ca.host)
        // Two Java nodes: report the pair once.
        if (!hit || (b.jvm && b.node.name < a.node.name)) continue
        problems.push({
          severity: 'error',
          rule: 'jvm-binds-all',
          file: a.node.file,
          key: ca.key,
          message: `${a.node.name} runs on Apache RocketMQ, whose JVM binds port ${ca.port} (${ca.use}) on every interface; ${b.node.name} (${b.jvm ? 'also Java' : 'embedded'}) needs ${hit.host}:${hit.port}, so one of them fails with "Address already in use"`,
          fix: `run ${a.node.name} on the embedded engine (--engine ${a.node.name}=embedded), or give one of them other ports`,
        })
        break
      }
    }
  }
  return problems
}

/** Per-node notes for the nodes that run on the JVM (pure). */
export function engineNotes(lab: LabSnapshot, engines: LabEngines): NodeEngineNote[] {
  return lab.nodes.map((n) => {
    const engine = engineOf(engines, n.name)
    if (engine !== 'apache') return {node: n.name, engine, notes: []}
    const ports = portClaims(n).map((c) => c.port)
    const notes: string[] = []
    if (n.kind === 'namesrv') {
      notes.push(`binds 0.0.0.0:${ports.join(',')} (every interface); bindAddress is mqlab-only and ignored by the JVM`)
      notes.push(
        `JVM heap ${HEAP_MB.namesrv} MiB (RocketMQ's runserver.sh asks for 4 GiB); about 125 MB resident in a lab (an embedded name server: about 55 MB)`,
      )
    } else {
      notes.push(`binds 0.0.0.0 on ${ports.join(', ')} (every interface); brokerIP1 ${n.config.brokerIP1} is only what it advertises`)
      notes.push(
        `JVM heap ${HEAP_MB.broker} MiB (runbroker.sh asks for 8 GiB) plus memory-mapped commitlog and consume queue files; about 215 MB resident in a lab (an embedded broker: about 57 MB)`,
      )
      if (n.config.enableDLegerCommitLog) notes.push('DLedger mode runs for real on the JVM (brokerId/brokerRole come from the election)')
    }
    // key-ignored warns that mqlab's runtime does not model a key; on the JVM that key does take effect.
    const modelledByJvm = lab.problems
      .filter((p) => p.rule === 'key-ignored' && p.file === n.file && p.key !== undefined && !/RocketMQ 5/.test(p.message))
      .map((p) => p.key!)
    if (modelledByJvm.length > 0) notes.push(`takes effect on the JVM although mqlab's runtime ignores it: ${modelledByJvm.join(', ')}`)
    return {node: n.name, engine, notes}
  })
}

/** The engine-aware part of validating the lab at `lab.dir`: its record, the problems and the notes. */
export async function labEngineCheck(lab: LabSnapshot): Promise<{engines: LabEngines; problems: ConfigProblem[]; notes: NodeEngineNote[]}> {
  const {readLabEngines} = await import('./lab-engines.js')
  const engines = readLabEngines(lab.dir)
  return {engines, problems: engineProblems(lab, engines), notes: engineNotes(lab, engines).filter((n) => n.engine === 'apache')}
}
