import {headerCodec, type ExtFields} from './header-fields.js'

/**
 * DELETE_TOPIC_IN_NAMESRV (216) request, header/namesrv/DeleteTopicFromNamesrvRequestHeader.java.
 * With clusterName, only that cluster's brokers' queue data is removed.
 */
export interface DeleteTopicFromNamesrvRequestHeader {
  topic: string
  clusterName?: string
}

/** The header's one field description, in wire order: decoding and encoding both follow it. */
const codec = headerCodec<DeleteTopicFromNamesrvRequestHeader>({topic: 'string', clusterName: 'string?'})

/** Reads the header from extFields; throws HeaderFieldError naming a missing or bad field. */
export const decodeDeleteTopicFromNamesrvRequestHeader: (ext: ExtFields) => DeleteTopicFromNamesrvRequestHeader = codec.decode

/** Encodes the extFields (values as strings, absent optional fields omitted): `mqlab topic delete` sends it. */
export const encodeDeleteTopicFromNamesrvRequestHeader: (h: DeleteTopicFromNamesrvRequestHeader) => Record<string, string> = codec.encode
