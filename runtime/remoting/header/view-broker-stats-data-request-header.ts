/**
 * ViewBrokerStatsDataRequestHeader (common/protocol/header/ViewBrokerStatsDataRequestHeader.java): extFields of
 * VIEW_BROKER_STATS_DATA (315): a stats set (TOPIC_PUT_NUMS, GROUP_GET_NUMS, …) and its key (topic, or
 * topic@group).
 *
 *   statsName* statsKey*      (* = required)
 */
import {requiredString, toExtFields, type ExtFields} from './header-fields.js'

/** ViewBrokerStatsDataRequestHeader as an object. */
export interface ViewBrokerStatsDataRequestHeader {
  statsName: string
  statsKey: string
}

/** Decodes the extFields; throws HeaderFieldError on a missing or malformed field. */
export function decodeViewBrokerStatsDataRequestHeader(ext: ExtFields): ViewBrokerStatsDataRequestHeader {
  const h: ViewBrokerStatsDataRequestHeader = {
    statsName: requiredString(ext, 'statsName'),
    statsKey: requiredString(ext, 'statsKey'),
  }
  return h
}

/** Encodes the extFields (values as strings, absent optional fields omitted). */
export function encodeViewBrokerStatsDataRequestHeader(h: ViewBrokerStatsDataRequestHeader): Record<string, string> {
  return toExtFields({statsName: h.statsName, statsKey: h.statsKey})
}
