import net from 'node:net'
import {once} from 'node:events'
import {FrameDecoder} from '../../runtime/remoting/frame-decoder.js'
import type {RemotingCommand} from '../../runtime/remoting/remoting-command.js'
import {decodeCommand} from '../../runtime/remoting/remoting-command-decoder.js'

/** A bare TCP peer for tests that must write arbitrary bytes and watch what comes back. */
export interface RawPeer {
  socket: net.Socket
  /** Resolves with the next decoded command received. */
  next(): Promise<RemotingCommand>
  /** Resolves once the server closed the connection. */
  closed: Promise<void>
  received: RemotingCommand[]
}

/** Connects a raw peer to 127.0.0.1:port. */
export async function rawConnect(port: number): Promise<RawPeer> {
  const socket = net.connect({host: '127.0.0.1', port})
  await once(socket, 'connect')
  const decoder = new FrameDecoder()
  const received: RemotingCommand[] = []
  const waiters: Array<(c: RemotingCommand) => void> = []
  socket.on('data', (chunk: Buffer) => {
    for (const f of decoder.feed(chunk)) {
      const cmd = decodeCommand(f)
      const w = waiters.shift()
      if (w) w(cmd)
      else received.push(cmd)
    }
  })
  socket.on('error', () => undefined)
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()))
  return {
    socket,
    received,
    closed,
    next: () => {
      const queued = received.shift()
      if (queued) return Promise.resolve(queued)
      return new Promise((resolve, reject) => {
        waiters.push(resolve)
        closed.then(() => reject(new Error('closed before a command arrived')))
      })
    },
  }
}

/** A frame with a hand-written JSON header (e.g. numbers in extFields, as ali-ons sends). */
export function jsonFrame(header: string, body: Buffer = Buffer.alloc(0)): Buffer {
  const h = Buffer.from(header)
  const out = Buffer.alloc(8 + h.length + body.length)
  out.writeInt32BE(4 + h.length + body.length, 0)
  out.writeInt32BE(h.length, 4)
  h.copy(out, 8)
  body.copy(out, 8 + h.length)
  return out
}
