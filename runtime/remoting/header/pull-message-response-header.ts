/**
 * PullMessageResponseHeader (common/protocol/header/PullMessageResponseHeader.java): extFields of a
 * PULL_MESSAGE response — suggestWhichBrokerId*, nextBeginOffset*, minOffset*, maxOffset*, all present
 * even on PULL_NOT_FOUND / RETRY_IMMEDIATELY / OFFSET_MOVED (clients read them unconditionally).
 * Offsets are consume-queue indexes; maxOffset is the next index to be written.
 */
import {requiredLong, toExtFields, type ExtFields} from './header-fields.js'

/** A pull response's header. */
export interface PullMessageResponseHeader {
  suggestWhichBrokerId: number
  nextBeginOffset: number
  minOffset: number
  maxOffset: number
}

/** Decodes a pull response's extFields. */
export function decodePullMessageResponseHeader(ext: ExtFields): PullMessageResponseHeader {
  return {
    suggestWhichBrokerId: requiredLong(ext, 'suggestWhichBrokerId'),
    nextBeginOffset: requiredLong(ext, 'nextBeginOffset'),
    minOffset: requiredLong(ext, 'minOffset'),
    maxOffset: requiredLong(ext, 'maxOffset'),
  }
}

/** Encodes a pull response's extFields. */
export function encodePullMessageResponseHeader(h: PullMessageResponseHeader): Record<string, string> {
  return toExtFields({
    suggestWhichBrokerId: h.suggestWhichBrokerId,
    nextBeginOffset: h.nextBeginOffset,
    minOffset: h.minOffset,
    maxOffset: h.maxOffset,
  })
}
