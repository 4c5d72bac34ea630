import {headerCodec} from './header-fields.js'

/**
 * WIPE_WRITE_PERM_OF_BROKER (205) response, header/namesrv/WipeWritePermOfBrokerResponseHeader.java.
 */
export interface WipeWritePermOfBrokerResponseHeader {
  /** Topics whose queue data lost the WRITE bit. */
  wipeTopicCount: number
}

/** The header's one field description, in wire order: decoding and encoding both follow it. */
const codec = headerCodec<WipeWritePermOfBrokerResponseHeader>({wipeTopicCount: 'int'})

/** extFields for the header (strings, as Java sends them; absent optional fields omitted). */
export const encodeWipeWritePermOfBrokerResponseHeader: (h: WipeWritePermOfBrokerResponseHeader) => Record<string, string> = codec.encode
