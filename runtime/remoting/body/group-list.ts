/**
 * GroupList (common/protocol/body/GroupList.java): `{"groupList":["G1",…]}`, body of the
 * QUERY_TOPIC_CONSUME_BY_WHO (300) response. Java keeps a HashSet, so the order means nothing.
 */

/** Encodes a GroupList. */
export function encodeGroupList(groups: Iterable<string>): Buffer {
  return Buffer.from(JSON.stringify({groupList: [...groups]}))
}

/** Decodes a GroupList (a missing list is empty). */
export function decodeGroupList(body: Buffer | string): string[] {
  const v = JSON.parse(typeof body === 'string' ? body : body.toString('utf8')) as {groupList?: unknown}
  return Array.isArray(v?.groupList) ? v.groupList.map(String) : []
}
