/**
 * ViewBrokerStatsDataRequestHeader (common/protocol/header/ViewBrokerStatsDataRequestHeader.java): extFields of
 * VIEW_BROKER_STATS_DATA (315): a stats set (TOPIC_PUT_NUMS, GROUP_GET_NUMS, …) and its key (topic, or
 * topic@group).
 *
 *   statsName* statsKey*      (* = required)
 */
import {headerCodec, type ExtFields} from './header-fields.js'

/** ViewBrokerStatsDataRequestHeader as an object. */
export interface ViewBrokerStatsDataRequestHeader {
  statsName: string
  statsKey: string
}

/** The header's one field description, in wire order: decoding and encoding both follow it. */
const codec = headerCodec<ViewBrokerStatsDataRequestHeader>({statsName: 'string', statsKey: 'string'})

/** Decodes the extFields; throws HeaderFieldError on a missing or malformed field. */
export const decodeViewBrokerStatsDataRequestHeader: (ext: ExtFields) => ViewBrokerStatsDataRequestHeader = codec.decode

/** Encodes the extFields (values as strings, absent optional fields omitted). */
export const encodeViewBrokerStatsDataRequestHeader: (h: ViewBrokerStatsDataRequestHeader) => Record<string, string> = codec.encode
