import net from 'node:net'
import {once} from 'node:events'

/** A loopback port that was free a moment ago (for child-process configs that need a number). */
export async function freeLoopbackPort(): Promise<number> {
  const s = net.createServer().listen(0, '127.0.0.1')
  await once(s, 'listening')
  const port = (s.address() as net.AddressInfo).port
  await new Promise((r) => s.close(r))
  return port
}

/** A listenPort that is free together with listenPort − 2 (the broker's fast channel). */
export async function freeBrokerPort(): Promise<number> {
  for (;;) {
    const port = await freeLoopbackPort()
    if (port < 1026) continue
    const fast = net.createServer().listen(port - 2, '127.0.0.1')
    const ok = await new Promise<boolean>((resolve) => {
      fast.once('listening', () => resolve(true))
      fast.once('error', () => resolve(false))
    })
    if (ok) await new Promise((r) => fast.close(r))
    if (ok) return port
  }
}
