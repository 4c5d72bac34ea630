import {headerCodec, type ExtFields} from './header-fields.js'

/**
 * ADD_WRITE_PERM_OF_BROKER (327) request, header/namesrv/AddWritePermOfBrokerRequestHeader.java
 * (mqadmin addWritePerm).
 */
export interface AddWritePermOfBrokerRequestHeader {
  brokerName: string
}

/** The header's one field description, in wire order: decoding and encoding both follow it. */
const codec = headerCodec<AddWritePermOfBrokerRequestHeader>({brokerName: 'string'})

/** Reads the header from extFields; throws HeaderFieldError naming a missing or bad field. */
export const decodeAddWritePermOfBrokerRequestHeader: (ext: ExtFields) => AddWritePermOfBrokerRequestHeader = codec.decode
