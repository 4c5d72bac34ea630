import {headerCodec, type ExtFields} from './header-fields.js'

/**
 * QUERY_DATA_VERSION (322) request, header/namesrv/QueryDataVersionRequestHeader.java; body = the
 * broker's DataVersion JSON. Sent only by brokers with forceRegister=false.
 */
export interface QueryDataVersionRequestHeader {
  brokerName: string
  brokerAddr: string
  clusterName: string
  brokerId: number
}

/** The header's one field description, in wire order: decoding and encoding both follow it. */
const codec = headerCodec<QueryDataVersionRequestHeader>({brokerName: 'string', brokerAddr: 'string', clusterName: 'string', brokerId: 'long'})

/** Reads the header from extFields; throws HeaderFieldError naming a missing or bad field. */
export const decodeQueryDataVersionRequestHeader: (ext: ExtFields) => QueryDataVersionRequestHeader = codec.decode
