/**
 * The name server's key/value store by namespace (RocketMQ's KVConfigManager): PUT/GET/DELETE_KV_CONFIG
 * and GET_KVLIST_BY_NAMESPACE. The ORDER_TOPIC_CONFIG namespace holds order-topic layouts that
 * REGISTER_BROKER answers and routes carry. Persisted, when a path is configured, as Java's
 * KVConfigSerializeWrapper: {"configTable":{"<namespace>":{"<key>":"<value>"}}}.
 *
 * The table itself is pure; writing is delegated to `persist` so tests need no files. Writes are chained
 * so they reach the file in order, and `flush()` waits for the last one.
 */

/** NamesrvUtil.NAMESPACE_ORDER_TOPIC_CONFIG. */
export const NAMESPACE_ORDER_TOPIC_CONFIG = 'ORDER_TOPIC_CONFIG'

/** The key/value table. */
export class KVConfigManager {
  private readonly configTable = new Map<string, Map<string, string>>()
  private writing: Promise<void> = Promise.resolve()

  constructor(
    private readonly persist?: (text: string) => Promise<void>,
    private readonly onPersistError: (err: unknown) => void = () => undefined,
  ) {}

  /** Loads the persisted JSON text (a missing or empty file is fine); throws on malformed content. */
  load(text: string | undefined): void {
    if (text === undefined || text.trim() === '') return
    const parsed: unknown = JSON.parse(text)
    const table = (parsed as {configTable?: unknown} | null)?.configTable
    if (typeof table !== 'object' || table === null) return
    for (const [namespace, kv] of Object.entries(table as Record<string, unknown>)) {
      if (typeof kv !== 'object' || kv === null) continue
      const entries = new Map<string, string>()
      for (const [k, v] of Object.entries(kv as Record<string, unknown>)) if (v !== null && v !== undefined) entries.set(k, String(v))
      this.configTable.set(namespace, entries)
    }
  }

  /** Sets a value, creating the namespace on first use. */
  putKVConfig(namespace: string, key: string, value: string): void {
    let kv = this.configTable.get(namespace)
    if (kv === undefined) this.configTable.set(namespace, (kv = new Map()))
    kv.set(key, value)
    this.schedulePersist()
  }

  /** A value, or undefined. */
  getKVConfig(namespace: string, key: string): string | undefined {
    return this.configTable.get(namespace)?.get(key)
  }

  /** Removes a key; an emptied namespace stays (as in Java), so its list is `{}` rather than not found. */
  deleteKVConfig(namespace: string, key: string): void {
    const kv = this.configTable.get(namespace)
    if (kv === undefined) return
    kv.delete(key)
    this.schedulePersist()
  }

  /** All entries of a namespace, or undefined when the namespace was never created. */
  getKVListByNamespace(namespace: string): Record<string, string> | undefined {
    const kv = this.configTable.get(namespace)
    return kv === undefined ? undefined : Object.fromEntries(kv)
  }

  /** The persisted form. */
  toJson(): string {
    const configTable: Record<string, Record<string, string>> = {}
    for (const [namespace, kv] of this.configTable) configTable[namespace] = Object.fromEntries(kv)
    return JSON.stringify({configTable}, null, 2)
  }

  /** Resolves when every change so far has been written. */
  flush(): Promise<void> {
    return this.writing
  }

  private schedulePersist(): void {
    const persist = this.persist
    if (persist === undefined) return
    this.writing = this.writing.then(() => persist(this.toJson())).catch(this.onPersistError)
  }
}
