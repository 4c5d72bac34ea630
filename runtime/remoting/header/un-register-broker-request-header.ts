import {headerCodec, type ExtFields} from './header-fields.js'

/**
 * UNREGISTER_BROKER (104) request, header/namesrv/UnRegisterBrokerRequestHeader.java; sent on broker shutdown.
 */
export interface UnRegisterBrokerRequestHeader {
  brokerName: string
  brokerAddr: string
  clusterName: string
  brokerId: number
}

/** The header's one field description, in wire order: decoding and encoding both follow it. */
const codec = headerCodec<UnRegisterBrokerRequestHeader>({brokerName: 'string', brokerAddr: 'string', clusterName: 'string', brokerId: 'long'})

/** Reads the header from extFields; throws HeaderFieldError naming a missing or bad field. */
export const decodeUnRegisterBrokerRequestHeader: (ext: ExtFields) => UnRegisterBrokerRequestHeader = codec.decode

/** extFields for the header (strings, as Java sends them; absent optional fields omitted). */
export const encodeUnRegisterBrokerRequestHeader: (h: UnRegisterBrokerRequestHeader) => Record<string, string> = codec.encode
