import {requiredLong, requiredString, toExtFields, type ExtFields} from './header-fields.js'

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

/** Reads the header from extFields; throws HeaderFieldError naming a missing or bad field. */
export function decodeQueryDataVersionRequestHeader(ext: ExtFields): QueryDataVersionRequestHeader {
  return {
    brokerName: requiredString(ext, 'brokerName'),
    brokerAddr: requiredString(ext, 'brokerAddr'),
    clusterName: requiredString(ext, 'clusterName'),
    brokerId: requiredLong(ext, 'brokerId'),
  }
}

/** extFields for the header (strings, as Java sends them; absent optional fields omitted). */
export function encodeQueryDataVersionRequestHeader(h: QueryDataVersionRequestHeader): Record<string, string> {
  return toExtFields({
    brokerName: h.brokerName,
    brokerAddr: h.brokerAddr,
    clusterName: h.clusterName,
    brokerId: h.brokerId,
  })
}
