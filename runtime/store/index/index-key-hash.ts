/**
 * The hash an index file files a key under (IndexFile.indexKeyHashMethod): |String.hashCode| of
 * `topic#key`, with Integer.MIN_VALUE (whose absolute value overflows) taken as 0.
 */
import {javaStringHashCode} from '../../message/tags-code.js'

/** IndexService.buildKey. */
export function buildIndexKey(topic: string, key: string): string {
  return `${topic}#${key}`
}

/** The non-negative hash of an index key. */
export function indexKeyHash(key: string): number {
  const h = javaStringHashCode(key)
  return h === -0x80000000 ? 0 : Math.abs(h)
}
