/**
 * Message ids (docs/rocketmq-facts.md §3.5).
 *
 * Offset msg id (MessageDecoder.createMessageId): uppercase hex of store IP (4 or 16 bytes) + store
 * port (int32) + commitlog offset (int64): 32 hex chars for IPv4, 56 for IPv6. It is what the broker
 * returns as `msgId` and what VIEW_MESSAGE_BY_ID decodes.
 *
 * Unique id (MessageClientIDSetter.createUniqID, property UNIQ_KEY): hex of client IP (4) + pid (int16)
 * + class-loader hash (int32) + ms since the start of the current month in local time (int32) +
 * counter (int16).
 */
// eslint-disable-next-line no-restricted-imports -- only the fallback store host reads the machine's interfaces
import {networkInterfaces} from 'node:os'
import type {HostAddress} from './message-ext-broker-inner.js'
import {bytesToIp, ipToBytes, isIPv6Host} from './host-address.js'
import {readInt64BE} from './int64.js'

// The host part of offset ids repeats for every message of a broker: build it once per address.
const hostHexCache = new Map<string, string>()

/** Builds the offset msg id of the record at commitLogOffset stored by storeHost. */
export function createOffsetMessageId(storeHost: HostAddress, commitLogOffset: number): string {
  const key = `${storeHost.ip}:${storeHost.port}`
  let prefix = hostHexCache.get(key)
  if (prefix === undefined) {
    const ipLen = isIPv6Host(storeHost) ? 16 : 4
    const buf = Buffer.alloc(ipLen + 4)
    ipToBytes(storeHost.ip).copy(buf, 0)
    buf.writeInt32BE(storeHost.port | 0, ipLen)
    prefix = buf.toString('hex').toUpperCase()
    if (hostHexCache.size >= 1024) hostHexCache.clear()
    hostHexCache.set(key, prefix)
  }
  return prefix + commitLogOffset.toString(16).toUpperCase().padStart(16, '0')
}

/** Decodes an offset msg id; throws on anything but 32 or 56 hex chars. */
export function decodeOffsetMessageId(id: string): {storeHost: HostAddress; commitLogOffset: number} {
  if (!/^[0-9a-fA-F]+$/.test(id) || (id.length !== 32 && id.length !== 56)) {
    throw new Error(`not an offset message id (32 or 56 hex characters): ${id}`)
  }
  const buf = Buffer.from(id, 'hex')
  const ipLen = id.length === 56 ? 16 : 4
  return {
    storeHost: {ip: bytesToIp(buf.subarray(0, ipLen)), port: buf.readInt32BE(ipLen)},
    commitLogOffset: readInt64BE(buf, ipLen + 4),
  }
}

let fixPart: string | undefined
let counter = 0
let monthStart = 0
let nextMonthStart = 0

/** Creates a UNIQ_KEY as a Java client's MessageClientIDSetter.createUniqID does. */
export function createUniqueMessageId(now: number = Date.now()): string {
  fixPart ??= buildFixPart()
  if (now >= nextMonthStart) setMonth(now)
  let diff = (now - monthStart) | 0
  if (diff < 0 && diff > -1_000_000) diff = 0 // clock stepped back a little (MessageClientIDSetter: "may cause by NTP")
  const tail = Buffer.alloc(6)
  tail.writeInt32BE(diff, 0)
  tail.writeUInt16BE(counter & 0xffff, 4)
  counter = (counter + 1) | 0
  return fixPart + tail.toString('hex').toUpperCase()
}

function setMonth(now: number): void {
  const d = new Date(now)
  monthStart = new Date(d.getFullYear(), d.getMonth(), 1).getTime()
  nextMonthStart = new Date(d.getFullYear(), d.getMonth() + 1, 1).getTime()
}

function buildFixPart(): string {
  const ip = firstIPv4()
  const buf = Buffer.alloc(4 + 2 + 4)
  ipToBytes(ip).copy(buf, 0)
  buf.writeUInt16BE(process.pid & 0xffff, 4)
  // Java uses the class loader's identity hash; any per-process random int plays the same role.
  buf.writeInt32BE((Math.random() * 0x7fffffff) | 0, 6)
  return buf.toString('hex').toUpperCase()
}

function firstIPv4(): string {
  for (const list of Object.values(networkInterfaces())) {
    for (const info of list ?? []) {
      if (info.family === 'IPv4' && !info.internal) return info.address
    }
  }
  return '127.0.0.1'
}
