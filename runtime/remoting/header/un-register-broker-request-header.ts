import {requiredLong, requiredString, toExtFields, type ExtFields} from './header-fields.js'

/**
 * UNREGISTER_BROKER (104) request, header/namesrv/UnRegisterBrokerRequestHeader.java; sent on broker shutdown.
 */
export interface UnRegisterBrokerRequestHeader {
  brokerName: string
  brokerAddr: string
  clusterName: string
  brokerId: number
}

/** Reads the header from extFields; throws HeaderFieldError naming a missing or bad field. */
export function decodeUnRegisterBrokerRequestHeader(ext: ExtFields): UnRegisterBrokerRequestHeader {
  return {
    brokerName: requiredString(ext, 'brokerName'),
    brokerAddr: requiredString(ext, 'brokerAddr'),
    clusterName: requiredString(ext, 'clusterName'),
    brokerId: requiredLong(ext, 'brokerId'),
  }
}

/** extFields for the header (strings, as Java sends them; absent optional fields omitted). */
export function encodeUnRegisterBrokerRequestHeader(h: UnRegisterBrokerRequestHeader): Record<string, string> {
  return toExtFields({
    brokerName: h.brokerName,
    brokerAddr: h.brokerAddr,
    clusterName: h.clusterName,
    brokerId: h.brokerId,
  })
}
