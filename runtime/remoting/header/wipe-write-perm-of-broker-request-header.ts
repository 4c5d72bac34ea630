import {requiredString, toExtFields, type ExtFields} from './header-fields.js'

/**
 * WIPE_WRITE_PERM_OF_BROKER (205) request, header/namesrv/WipeWritePermOfBrokerRequestHeader.java
 * (mqadmin wipeWritePerm).
 */
export interface WipeWritePermOfBrokerRequestHeader {
  brokerName: string
}

/** Reads the header from extFields; throws HeaderFieldError naming a missing or bad field. */
export function decodeWipeWritePermOfBrokerRequestHeader(ext: ExtFields): WipeWritePermOfBrokerRequestHeader {
  return {
    brokerName: requiredString(ext, 'brokerName'),
  }
}

/** extFields for the header (strings, as Java sends them; absent optional fields omitted). */
export function encodeWipeWritePermOfBrokerRequestHeader(h: WipeWritePermOfBrokerRequestHeader): Record<string, string> {
  return toExtFields({brokerName: h.brokerName})
}
