import net from 'node:net'
import {once} from 'node:events'

/**
 * A loopback port that was free a moment ago: for child processes whose config needs a real port number
 * (a listener on port 0 inside the test process is preferred where possible).
 */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  const server = net.createServer()
  server.listen(0, host)
  await once(server, 'listening')
  const port = (server.address() as net.AddressInfo).port
  await new Promise((resolve) => server.close(resolve))
  return port
}
