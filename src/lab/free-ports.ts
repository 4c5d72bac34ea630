/**
 * Ports that are free right now on loopback: for labs that must not collide with anything else on the
 * machine (the benchmark's clusters, the tests). A lab written by `mqlab init` uses RocketMQ's default
 * ports instead; `mqlab up` checks them before starting anything.
 */
import {once} from 'node:events'
import net from 'node:net'

/** A port the OS just handed out for an ephemeral listener (free a moment ago). */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  const server = net.createServer()
  server.listen(0, host)
  await once(server, 'listening')
  const port = (server.address() as net.AddressInfo).port
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** Whether nobody listens on the port right now. */
export function portFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer()
    s.once('error', () => resolve(false))
    s.listen({host, port, exclusive: true}, () => s.close(() => resolve(true)))
  })
}

/**
 * A broker listenPort whose neighbours are free too: listenPort − 2 (the fast channel, RocketMQ's
 * vip channel) and listenPort + 1 (haListenPort's default). Ports in `taken` (and the ones returned,
 * which are added to it) are avoided, so several brokers of one lab do not collide.
 */
export async function freeBrokerPort(taken: Set<number> = new Set(), host = '127.0.0.1'): Promise<number> {
  for (let i = 0; i < 100; i++) {
    const p = await freePort(host)
    const ports = [p - 2, p, p + 1]
    if (p - 2 < 1024 || p + 1 > 65535 || ports.some((x) => taken.has(x))) continue
    if ((await portFree(p - 2, host)) && (await portFree(p + 1, host))) {
      for (const x of ports) taken.add(x)
      return p
    }
  }
  throw new Error('no three free loopback ports found')
}

/** A name-server port not in `taken` (added to it). */
export async function freeNamesrvPort(taken: Set<number> = new Set(), host = '127.0.0.1'): Promise<number> {
  let p = await freePort(host)
  while (taken.has(p)) p = await freePort(host)
  taken.add(p)
  return p
}
