import {requiredInt, toExtFields, type ExtFields} from './header-fields.js'

/**
 * WIPE_WRITE_PERM_OF_BROKER (205) response, header/namesrv/WipeWritePermOfBrokerResponseHeader.java.
 */
export interface WipeWritePermOfBrokerResponseHeader {
  /** Topics whose queue data lost the WRITE bit. */
  wipeTopicCount: number
}

/** Reads the header from extFields; throws HeaderFieldError naming a missing or bad field. */
export function decodeWipeWritePermOfBrokerResponseHeader(ext: ExtFields): WipeWritePermOfBrokerResponseHeader {
  return {
    wipeTopicCount: requiredInt(ext, 'wipeTopicCount'),
  }
}

/** extFields for the header (strings, as Java sends them; absent optional fields omitted). */
export function encodeWipeWritePermOfBrokerResponseHeader(h: WipeWritePermOfBrokerResponseHeader): Record<string, string> {
  return toExtFields({wipeTopicCount: h.wipeTopicCount})
}
