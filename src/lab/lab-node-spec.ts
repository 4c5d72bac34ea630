/**
 * What the supervisor needs to know about each node of a lab, taken from its conf file: how to start
 * it, the address it answers on, the ports it binds, which name servers it registers with, and its
 * start step (name servers, then masters, then slaves and DLedger members; docs/architecture.md "The process model").
 */
import {parseNamesrvAddrList} from '../client/client-options.js'
import type {LabNode, LabSnapshot} from '../topology/lab-model.js'
import {portClaims, type PortClaim} from '../topology/rules/node-ports.js'

/** The role a node's file gives it (the role it is registered with may differ, e.g. after a DLedger election). */
export type FileRole = 'namesrv' | 'ASYNC_MASTER' | 'SYNC_MASTER' | 'SLAVE' | 'DLEDGER'

/** Start steps, in order: each waits for the previous one to be ready. */
export const START_STEPS = ['name servers', 'masters', 'slaves and DLedger members'] as const

/** One node as the supervisor sees it. */
export interface LabNodeSpec {
  name: string
  kind: 'namesrv' | 'broker'
  /** Absolute path of its conf file (`mqnamesrv -c` / `mqbroker -c`). */
  confPath: string
  /** Conf file relative to the lab folder, as users see it. */
  file: string
  host: string
  /** "host:listenPort": where it answers remoting requests. */
  addr: string
  fileRole: FileRole
  /** brokerName, for brokers. */
  brokerName?: string
  /** brokerId from the file (classic brokers only; DLedger ids come from the election). */
  brokerId?: number
  /** Name servers it registers with (brokers). */
  namesrvAddrs: string[]
  /** Every port it binds. */
  ports: PortClaim[]
  /** storePathRootDir, for brokers; the name server's store folder for name servers (kvConfigPath's). */
  storeDir?: string
  /** Index into START_STEPS. */
  step: number
}

/** The specs of every node of a snapshot, in the snapshot's order. */
export function nodeSpecs(lab: LabSnapshot): LabNodeSpec[] {
  return lab.nodes.map(specOf)
}

function specOf(node: LabNode): LabNodeSpec {
  const ports = portClaims(node)
  if (node.kind === 'namesrv') {
    const c = node.config
    const host = c.bindAddress === '0.0.0.0' || c.bindAddress === '' ? '127.0.0.1' : c.bindAddress
    return {
      name: node.name,
      kind: 'namesrv',
      confPath: node.path,
      file: node.file,
      host,
      addr: `${host}:${c.listenPort}`,
      fileRole: 'namesrv',
      namesrvAddrs: [],
      ports,
      step: 0,
    }
  }
  const c = node.config
  const dledger = c.enableDLegerCommitLog
  const fileRole: FileRole = dledger ? 'DLEDGER' : c.brokerRole
  return {
    name: node.name,
    kind: 'broker',
    confPath: node.path,
    file: node.file,
    host: c.brokerIP1,
    addr: `${c.brokerIP1}:${c.listenPort}`,
    fileRole,
    brokerName: c.brokerName,
    ...(dledger ? {} : {brokerId: c.brokerId}),
    namesrvAddrs: namesrvList(c.namesrvAddr),
    ports,
    storeDir: c.storePathRootDir,
    step: fileRole === 'ASYNC_MASTER' || fileRole === 'SYNC_MASTER' ? 1 : 2,
  }
}

function namesrvList(value: string | undefined): string[] {
  if (value === undefined || value.trim() === '') return []
  try {
    return parseNamesrvAddrList(value)
  } catch {
    return [] // validation reports a malformed namesrvAddr; readiness then only checks the broker itself
  }
}

/** The nodes of a lab grouped by start step (empty steps left out), each step in snapshot order. */
export function startSteps(specs: readonly LabNodeSpec[]): Array<{step: number; title: string; nodes: LabNodeSpec[]}> {
  return START_STEPS.map((title, step) => ({step, title, nodes: specs.filter((s) => s.step === step)})).filter((s) => s.nodes.length > 0)
}
