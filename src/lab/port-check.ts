/**
 * Before starting anything, every port a node will bind is tried: a port held by something outside
 * the lab is reported with the node that wanted it and what for, and nothing starts. The probe is an
 * interface so the supervisor's tests need no sockets; NetPortProbe binds for real.
 */
import net from 'node:net'
import type {LabNodeSpec} from './lab-node-spec.js'
import {findPortOwner, type PortOwner} from './port-owner.js'

/** Whether a port can be bound now. */
export type PortAvailability = {free: true} | {free: false; reason: string; owner?: PortOwner}

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
  /** Who holds it, when /proc tells (a node of another mqlab lab names that lab). */
  owner?: PortOwner
}

/** Checks every port of `specs` in parallel; the conflicts in node then port order. */
export async function findPortConflicts(specs: readonly LabNodeSpec[], probe: PortProbe): Promise<PortConflict[]> {
  const checks = specs.flatMap((spec) => spec.ports.map((p) => ({spec, p})))
  const results = await Promise.all(checks.map(async ({spec, p}) => ({spec, p, a: await probe.check(p.host, p.port)})))
  return results
    .filter((r) => !r.a.free)
    .map((r) => {
      const taken = r.a as {reason: string; owner?: PortOwner}
      return {
        node: r.spec.name,
        file: r.spec.file,
        host: r.p.host,
        port: r.p.port,
        use: r.p.use,
        reason: taken.reason,
        ...(taken.owner ? {owner: taken.owner} : {}),
      }
    })
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
        if (err.code !== 'EADDRINUSE') return resolve({free: false, reason: `cannot be bound (${err.code ?? err.message})`})
        const owner = findPortOwner(host, port)
        const who = owner?.labDir
          ? `${owner.node ?? 'a node'} of the mqlab lab in ${owner.labDir} (pid ${owner.pid})`
          : owner
            ? `pid ${owner.pid} (${owner.command.slice(0, 80) || '?'})`
            : 'another process'
        resolve({free: false, reason: `is in use by ${who}`, ...(owner ? {owner} : {})})
      })
      server.listen({host, port, exclusive: true}, () => server.close(() => resolve({free: true})))
    })
  }
}
