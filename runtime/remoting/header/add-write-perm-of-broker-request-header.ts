import {requiredString, toExtFields, type ExtFields} from './header-fields.js'

/**
 * ADD_WRITE_PERM_OF_BROKER (327) request, header/namesrv/AddWritePermOfBrokerRequestHeader.java
 * (mqadmin addWritePerm).
 */
export interface AddWritePermOfBrokerRequestHeader {
  brokerName: string
}

/** Reads the header from extFields; throws HeaderFieldError naming a missing or bad field. */
export function decodeAddWritePermOfBrokerRequestHeader(ext: ExtFields): AddWritePermOfBrokerRequestHeader {
  return {
    brokerName: requiredString(ext, 'brokerName'),
  }
}

/** extFields for the header (strings, as Java sends them; absent optional fields omitted). */
export function encodeAddWritePermOfBrokerRequestHeader(h: AddWritePermOfBrokerRequestHeader): Record<string, string> {
  return toExtFields({brokerName: h.brokerName})
}
