/**
 * Born/store host addresses as a stored record and a message id hold them: 4 IP bytes + int32 port
 * for IPv4 (8 bytes), 16 + 4 for IPv6 (20 bytes), flagged by sysFlag bits 4/5. Node reports IPv4 peers
 * of a dual-stack socket as "::ffff:a.b.c.d"; those are written as IPv4 because ali-ons only reads
 * 4-byte hosts (docs/rocketmq-facts.md §0.1 #5).
 */
// eslint-disable-next-line no-restricted-imports -- pure address-syntax checks, no socket
import {isIPv4, isIPv6} from 'node:net'
import type {HostAddress} from './message-ext-broker-inner.js'

/** Strips Node's IPv4-mapped prefix ("::ffff:127.0.0.1" → "127.0.0.1"). */
export function normalizeIp(ip: string): string {
  const lower = ip.toLowerCase()
  if (lower.startsWith('::ffff:') && isIPv4(ip.slice(7))) return ip.slice(7)
  return ip
}

/** Whether the address is written as IPv6 (16 bytes) rather than IPv4. */
export function isIPv6Host(host: HostAddress): boolean {
  return ipToBytes(host.ip).length === 16
}

/** Bytes the address takes in a record: 8 for IPv4, 20 for IPv6. */
export function hostAddressLength(host: HostAddress): number {
  return isIPv6Host(host) ? 20 : 8
}

// A broker sees few distinct addresses: parse each once (bounded, reset when it grows large).
const ipCache = new Map<string, Buffer>()

/** The IP's raw bytes (4 or 16), shared: do not modify. An unparseable IP is 0.0.0.0 rather than a failed send. */
export function ipToBytes(ip: string): Buffer {
  let b = ipCache.get(ip)
  if (b) return b
  const n = normalizeIp(ip)
  if (isIPv4(n)) b = Buffer.from(n.split('.').map((p) => Number(p)))
  else if (isIPv6(n)) b = ipv6ToBytes(n)
  else b = Buffer.alloc(4)
  if (ipCache.size >= 1024) ipCache.clear()
  ipCache.set(ip, b)
  return b
}

/** Formats 4 or 16 raw IP bytes as text. */
export function bytesToIp(bytes: Uint8Array): string {
  if (bytes.length === 4) return `${bytes[0]}.${bytes[1]}.${bytes[2]}.${bytes[3]}`
  const groups: string[] = []
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] << 8) | bytes[i + 1]).toString(16))
  return groups.join(':')
}

/** Writes ip + int32 port at pos; returns the position after it. */
export function writeHostAddress(buf: Buffer, pos: number, host: HostAddress): number {
  const ip = ipToBytes(host.ip)
  ip.copy(buf, pos)
  buf.writeInt32BE(host.port | 0, pos + ip.length)
  return pos + ip.length + 4
}

/** Reads ip + int32 port at pos (16-byte IP when v6). */
export function readHostAddress(buf: Buffer, pos: number, v6: boolean): HostAddress {
  const len = v6 ? 16 : 4
  return {ip: bytesToIp(buf.subarray(pos, pos + len)), port: buf.readInt32BE(pos + len)}
}

/** Parses "host:port" (IPv6 as "[::1]:port" or with the last colon as separator). */
export function parseHostAddress(addr: string): HostAddress {
  const m = /^\[(.*)\]:(\d+)$/.exec(addr)
  if (m) return {ip: m[1], port: Number(m[2])}
  const i = addr.lastIndexOf(':')
  if (i < 0) throw new Error(`not a host:port address: ${addr}`)
  return {ip: normalizeIp(addr.slice(0, i)), port: Number(addr.slice(i + 1))}
}

/** Formats an address as "ip:port" (the form RocketMQ prints). */
export function formatHostAddress(host: HostAddress): string {
  return `${normalizeIp(host.ip)}:${host.port}`
}

function ipv6ToBytes(ip: string): Buffer {
  const out = Buffer.alloc(16)
  let text = ip
  // A trailing dotted quad ("::ffff:1.2.3.4" forms not caught above, e.g. "64:ff9b::1.2.3.4").
  const quad = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)
  let tail: number[] = []
  if (quad) {
    tail = quad[1].split('.').map(Number)
    text = text.slice(0, -quad[1].length) + '0:0'
  }
  const [head, rest] = text.includes('::') ? text.split('::') : [text, undefined]
  const headParts = head ? head.split(':') : []
  const restParts = rest !== undefined && rest !== '' ? rest.split(':') : []
  const zeros = 8 - headParts.length - restParts.length
  const parts = [...headParts, ...(rest !== undefined ? Array(zeros).fill('0') : []), ...restParts]
  for (let i = 0; i < 8; i++) out.writeUInt16BE(parseInt(parts[i] ?? '0', 16) & 0xffff, i * 2)
  if (tail.length === 4) Buffer.from(tail).copy(out, 12)
  return out
}
