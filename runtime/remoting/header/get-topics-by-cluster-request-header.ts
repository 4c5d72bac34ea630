import {headerCodec, type ExtFields} from './header-fields.js'

/**
 * GET_TOPICS_BY_CLUSTER (224) request, header/GetTopicsByClusterRequestHeader.java.
 */
export interface GetTopicsByClusterRequestHeader {
  cluster: string
}

/** The header's one field description, in wire order: decoding and encoding both follow it. */
const codec = headerCodec<GetTopicsByClusterRequestHeader>({cluster: 'string'})

/** Reads the header from extFields; throws HeaderFieldError naming a missing or bad field. */
export const decodeGetTopicsByClusterRequestHeader: (ext: ExtFields) => GetTopicsByClusterRequestHeader = codec.decode
