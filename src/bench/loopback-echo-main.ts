/**
 * The probe's echo server as a process of its own (`node loopback-echo-main.js`): listens on a free
 * loopback port, prints it as one line, echoes frames until SIGTERM/SIGINT or until its stdin closes
 * (so it never outlives the process that started it).
 */
import {once} from 'node:events'
import type {AddressInfo} from 'node:net'
import {createEchoServer} from './loopback-probe.js'

const server = createEchoServer()
server.listen(0, '127.0.0.1')
await once(server, 'listening')
process.stdout.write(`${(server.address() as AddressInfo).port}\n`)
const stop = () => process.exit(0)
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
process.stdin.on('end', stop)
process.stdin.on('close', stop)
process.stdin.resume()
