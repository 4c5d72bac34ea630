import {headerCodec, type ExtFields} from './header-fields.js'

/**
 * REGISTER_BROKER (103) response, header/namesrv/RegisterBrokerResponseHeader.java. Both fields are
 * set only for a slave's registration while its master is live: where to replicate from and sync metadata.
 */
export interface RegisterBrokerResponseHeader {
  /** The live master's HA address. */
  haServerAddr?: string
  /** The live master's brokerAddr. */
  masterAddr?: string
}

/** The header's one field description, in wire order: decoding and encoding both follow it. */
const codec = headerCodec<RegisterBrokerResponseHeader>({haServerAddr: 'string?', masterAddr: 'string?'})

/** Reads the header from extFields; throws HeaderFieldError naming a missing or bad field. */
export const decodeRegisterBrokerResponseHeader: (ext: ExtFields) => RegisterBrokerResponseHeader = codec.decode

/** extFields for the header (strings, as Java sends them; absent optional fields omitted). */
export const encodeRegisterBrokerResponseHeader: (h: RegisterBrokerResponseHeader) => Record<string, string> = codec.encode
