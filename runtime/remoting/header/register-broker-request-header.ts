import {optionalBool, optionalInt, requiredLong, requiredString, toExtFields, type ExtFields} from './header-fields.js'

/**
 * REGISTER_BROKER (103) request, header/namesrv/RegisterBrokerRequestHeader.java. Sent by every broker,
 * master and slave, to every name server. bodyCrc32 = crc32(body) & 0x7fffffff, 0 = unchecked.
 */
export interface RegisterBrokerRequestHeader {
  /** Broker group name. */
  brokerName: string
  /** brokerIP1:listenPort. */
  brokerAddr: string
  clusterName: string
  /** brokerIP2:haListenPort. */
  haServerAddr: string
  /** 0 = master, > 0 = slave. */
  brokerId: number
  /** Body is the zlib form (broker compressedRegister); default false. */
  compressed?: boolean
  /** CRC32 of the body, 0 or absent = do not check. */
  bodyCrc32?: number
}

/** Reads the header from extFields; throws HeaderFieldError naming a missing or bad field. */
export function decodeRegisterBrokerRequestHeader(ext: ExtFields): RegisterBrokerRequestHeader {
  const h: RegisterBrokerRequestHeader = {
    brokerName: requiredString(ext, 'brokerName'),
    brokerAddr: requiredString(ext, 'brokerAddr'),
    clusterName: requiredString(ext, 'clusterName'),
    haServerAddr: requiredString(ext, 'haServerAddr'),
    brokerId: requiredLong(ext, 'brokerId'),
  }
  const compressed = optionalBool(ext, 'compressed')
  if (compressed !== undefined) h.compressed = compressed
  const bodyCrc32 = optionalInt(ext, 'bodyCrc32')
  if (bodyCrc32 !== undefined) h.bodyCrc32 = bodyCrc32
  return h
}

/** extFields for the header (strings, as Java sends them; absent optional fields omitted). */
export function encodeRegisterBrokerRequestHeader(h: RegisterBrokerRequestHeader): Record<string, string> {
  return toExtFields({
    brokerName: h.brokerName,
    brokerAddr: h.brokerAddr,
    clusterName: h.clusterName,
    haServerAddr: h.haServerAddr,
    brokerId: h.brokerId,
    compressed: h.compressed,
    bodyCrc32: h.bodyCrc32,
  })
}
