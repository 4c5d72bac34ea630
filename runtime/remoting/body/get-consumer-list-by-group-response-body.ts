/**
 * GetConsumerListByGroupResponseBody (common/protocol/header/GetConsumerListByGroupResponseBody.java):
 * the body of a GET_CONSUMER_LIST_BY_GROUP response, `{"consumerIdList":["10.0.0.1@1234",…]}`.
 * Clients sort the ids and allocate queues from them.
 */

/** The body as an object. */
export interface GetConsumerListByGroupResponseBody {
  consumerIdList: string[]
}

/** Encodes the body as JSON. */
export function encodeGetConsumerListByGroupResponseBody(b: GetConsumerListByGroupResponseBody): Buffer {
  return Buffer.from(JSON.stringify({consumerIdList: b.consumerIdList}))
}

/** Decodes the body; throws when it is not JSON or the list holds non-strings. */
export function decodeGetConsumerListByGroupResponseBody(body: Buffer): GetConsumerListByGroupResponseBody {
  const parsed = JSON.parse(body.toString('utf8')) as {consumerIdList?: unknown}
  const list = parsed?.consumerIdList ?? []
  if (!Array.isArray(list) || !list.every((x) => typeof x === 'string')) throw new Error('consumerIdList is not a list of strings')
  return {consumerIdList: list as string[]}
}
