import {optionalString, toExtFields, type ExtFields} from './header-fields.js'

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

/** Reads the header from extFields; throws HeaderFieldError naming a missing or bad field. */
export function decodeRegisterBrokerResponseHeader(ext: ExtFields): RegisterBrokerResponseHeader {
  const h: RegisterBrokerResponseHeader = {}
  const haServerAddr = optionalString(ext, 'haServerAddr')
  if (haServerAddr !== undefined) h.haServerAddr = haServerAddr
  const masterAddr = optionalString(ext, 'masterAddr')
  if (masterAddr !== undefined) h.masterAddr = masterAddr
  return h
}

/** extFields for the header (strings, as Java sends them; absent optional fields omitted). */
export function encodeRegisterBrokerResponseHeader(h: RegisterBrokerResponseHeader): Record<string, string> {
  return toExtFields({haServerAddr: h.haServerAddr, masterAddr: h.masterAddr})
}
