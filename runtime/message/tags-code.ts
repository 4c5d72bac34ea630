/**
 * The consume-queue tagsCode of a message: Java's String.hashCode of the TAGS property, 0 when there is
 * no tag (store/MessageExtBrokerInner.tagsString2tagsCode). Clients send the same hashes in a
 * subscription's codeSet, so the broker filters by comparing numbers.
 */

/** Java String.hashCode: s[0]*31^(n-1) + … + s[n-1] over UTF-16 code units, in int32 arithmetic. */
export function javaStringHashCode(s: string): number {
  let h = 0
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0
  return h
}

/** tagsCode for a TAGS value: its Java hashCode, or 0 when absent or empty. */
export function tagsString2tagsCode(tags: string | undefined): number {
  if (tags === undefined || tags.length === 0) return 0
  return javaStringHashCode(tags)
}
