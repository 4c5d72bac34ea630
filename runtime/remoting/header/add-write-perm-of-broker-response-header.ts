import {requiredInt, toExtFields, type ExtFields} from './header-fields.js'

/**
 * ADD_WRITE_PERM_OF_BROKER (327) response, header/namesrv/AddWritePermOfBrokerResponseHeader.java.
 */
export interface AddWritePermOfBrokerResponseHeader {
  /** Topics whose queue data got READ|WRITE back. */
  addTopicCount: number
}

/** Reads the header from extFields; throws HeaderFieldError naming a missing or bad field. */
export function decodeAddWritePermOfBrokerResponseHeader(ext: ExtFields): AddWritePermOfBrokerResponseHeader {
  return {
    addTopicCount: requiredInt(ext, 'addTopicCount'),
  }
}

/** extFields for the header (strings, as Java sends them; absent optional fields omitted). */
export function encodeAddWritePermOfBrokerResponseHeader(h: AddWritePermOfBrokerResponseHeader): Record<string, string> {
  return toExtFields({addTopicCount: h.addTopicCount})
}
