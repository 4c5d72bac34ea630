import {headerCodec} from './header-fields.js'

/**
 * ADD_WRITE_PERM_OF_BROKER (327) response, header/namesrv/AddWritePermOfBrokerResponseHeader.java.
 */
export interface AddWritePermOfBrokerResponseHeader {
  /** Topics whose queue data got READ|WRITE back. */
  addTopicCount: number
}

/** The header's one field description, in wire order: decoding and encoding both follow it. */
const codec = headerCodec<AddWritePermOfBrokerResponseHeader>({addTopicCount: 'int'})

/** extFields for the header (strings, as Java sends them; absent optional fields omitted). */
export const encodeAddWritePermOfBrokerResponseHeader: (h: AddWritePermOfBrokerResponseHeader) => Record<string, string> = codec.encode
