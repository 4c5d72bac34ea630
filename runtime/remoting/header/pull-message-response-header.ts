/**
 * PullMessageResponseHeader (common/protocol/header/PullMessageResponseHeader.java): extFields of a
 * PULL_MESSAGE response — suggestWhichBrokerId*, nextBeginOffset*, minOffset*, maxOffset*, all present
 * even on PULL_NOT_FOUND / RETRY_IMMEDIATELY / OFFSET_MOVED (clients read them unconditionally).
 * Offsets are consume-queue indexes; maxOffset is the next index to be written.
 */
import {headerCodec, type ExtFields} from './header-fields.js'

/** A pull response's header. */
export interface PullMessageResponseHeader {
  suggestWhichBrokerId: number
  nextBeginOffset: number
  minOffset: number
  maxOffset: number
}

/** The header's one field description, in wire order: decoding and encoding both follow it. */
const codec = headerCodec<PullMessageResponseHeader>({suggestWhichBrokerId: 'long', nextBeginOffset: 'long', minOffset: 'long', maxOffset: 'long'})

/** Decodes a pull response's extFields. */
export const decodePullMessageResponseHeader: (ext: ExtFields) => PullMessageResponseHeader = codec.decode

/** Encodes a pull response's extFields. */
export const encodePullMessageResponseHeader: (h: PullMessageResponseHeader) => Record<string, string> = codec.encode
