import {headerCodec, type ExtFields} from './header-fields.js'

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

/** The header's one field description, in wire order: decoding and encoding both follow it. */
const codec = headerCodec<RegisterBrokerRequestHeader>({
  brokerName: 'string',
  brokerAddr: 'string',
  clusterName: 'string',
  haServerAddr: 'string',
  brokerId: 'long',
  compressed: 'bool?',
  bodyCrc32: 'int?',
})

/** Reads the header from extFields; throws HeaderFieldError naming a missing or bad field. */
export const decodeRegisterBrokerRequestHeader: (ext: ExtFields) => RegisterBrokerRequestHeader = codec.decode

/** extFields for the header (strings, as Java sends them; absent optional fields omitted). */
export const encodeRegisterBrokerRequestHeader: (h: RegisterBrokerRequestHeader) => Record<string, string> = codec.encode
