/**
 * KVTable (common/protocol/body/KVTable.java): `{"table":{"key":"value",…}}`. Body of
 * GET_KVLIST_BY_NAMESPACE and of the REGISTER_BROKER response (the ORDER_TOPIC_CONFIG namespace), and
 * of the broker's GET_BROKER_RUNTIME_INFO response.
 */

/** A string → string table. */
export interface KVTable {
  table: Record<string, string>
}

/** Encodes a KVTable as JSON. */
export function encodeKVTable(kv: KVTable): Buffer {
  return Buffer.from(JSON.stringify({table: kv.table}))
}

/** Decodes a KVTable; non-string values are turned into strings, a missing table is empty. */
export function decodeKVTable(body: Buffer | string): KVTable {
  const parsed: unknown = JSON.parse(typeof body === 'string' ? body : body.toString('utf8'))
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('KV table is not a JSON object')
  const raw = (parsed as Record<string, unknown>).table
  const table: Record<string, string> = {}
  if (typeof raw === 'object' && raw !== null) {
    for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
      if (v !== null && v !== undefined) table[k] = String(v)
    }
  }
  return {table}
}
