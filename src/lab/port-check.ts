/**
 * Before starting anything, every port a node will bind is tried: a port held by something outside
 * the lab is reported with the node that wanted it and what for, and nothing starts. The probe is an
 * interface so the supervisor's tests need no sockets; NetPortProbe binds for real.
 */
import net from 'node:net'
import type {LabNodeSpec} from './lab-node-spec.js'

/** Whether a port can be bound now. */
export type PortAvailability = {free: true} | {free: false; reason: string}

/** Tries ports. */
export interface PortProbe {
  check(host: string, port: number): Promise<PortAvailability>
}

/** A port a node needs and cannot have. */
export interface PortConflict {
  node: string
  /** Its conf file, relative to the lab folder. */
  file: string
  host: string
  port: number
  /** What the node uses it for ("haListenPort (listenPort+1)"). */
  use: string
  reason: string
}

/** Checks every port of `specs` in parallel; the conflicts in node then port order. */
export async function findPortConflicts(specs: readonly LabNodeSpec[], probe: PortProbe): Promise<PortConflict[]> {
  const checks = specs.flatMap((spec) => spec.ports.map((p) => ({spec, p})))
  const results = await Promise.all(checks.map(async ({spec, p}) => ({spec, p, a: await probe.check(p.host, p.port)})))
  return results
    .filter((r) => !r.a.free)
    .map((r) => ({node: r.spec.name, file: r.spec.file, host: r.p.host, port: r.p.port, use: r.p.use, reason: (r.a as {reason: string}).reason}))
}

/** One line per conflict: "port 10911 on 127.0.0.1 (broker-a-master's listenPort) is in use by another process". */
export function describeConflict(c: PortConflict): string {
  return `port ${c.port} on ${c.host} (${c.node}'s ${c.use}) ${c.reason}`
}

/** A PortProbe that binds and releases a real listener. */
export class NetPortProbe implements PortProbe {
  check(host: string, port: number): Promise<PortAvailability> {
    return new Promise((resolve) => {
      const server = net.createServer()
      server.once('error', (err: NodeJS.ErrnoException) => {
        resolve({free: false, reason: err.code === 'EADDRINUSE' ? 'is in use by another process' : `cannot be bound (${err.code ?? err.message})`})
      })
      server.listen({host, port, exclusive: true}, () => server.close(() => resolve({free: true})))
    })
  }
}
