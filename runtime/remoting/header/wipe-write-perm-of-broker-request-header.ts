import {headerCodec, type ExtFields} from './header-fields.js'

/**
 * WIPE_WRITE_PERM_OF_BROKER (205) request, header/namesrv/WipeWritePermOfBrokerRequestHeader.java
 * (mqadmin wipeWritePerm).
 */
export interface WipeWritePermOfBrokerRequestHeader {
  brokerName: string
}

/** The header's one field description, in wire order: decoding and encoding both follow it. */
const codec = headerCodec<WipeWritePermOfBrokerRequestHeader>({brokerName: 'string'})

/** Reads the header from extFields; throws HeaderFieldError naming a missing or bad field. */
export const decodeWipeWritePermOfBrokerRequestHeader: (ext: ExtFields) => WipeWritePermOfBrokerRequestHeader = codec.decode
