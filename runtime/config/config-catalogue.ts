/** Lookup over a key catalogue: by name, by old spelling, and did-you-mean. */
import type {ConfigKey} from './config-key.js'
import {suggestName} from './key-suggestion.js'

/** The result of looking a key up in a catalogue. */
export type KeyLookup =
  {kind: 'known'; key: ConfigKey} | {kind: 'alias'; key: ConfigKey; alias: string} | {kind: 'unknown'; suggestion?: string; otherFile?: boolean}

/** A catalogue of the keys one kind of file (broker or name server) may hold. */
export class ConfigCatalogue {
  private readonly byName = new Map<string, ConfigKey>()
  private readonly byAlias = new Map<string, ConfigKey>()
  private readonly otherNames: Set<string>

  /** `keys` may list a name twice (NettyServerConfig and NettyClientConfig share two); the first wins. */
  constructor(
    readonly keys: readonly ConfigKey[],
    otherFileKeys: readonly ConfigKey[] = [],
  ) {
    for (const k of keys) {
      if (!this.byName.has(k.name)) this.byName.set(k.name, k)
      for (const a of k.aliases ?? []) this.byAlias.set(a, k)
    }
    this.otherNames = new Set(otherFileKeys.map((k) => k.name).filter((n) => !this.byName.has(n)))
  }

  /** Finds a key as written in a file. */
  lookup(name: string): KeyLookup {
    const known = this.byName.get(name)
    if (known) return {kind: 'known', key: known}
    const aliased = this.byAlias.get(name)
    if (aliased) return {kind: 'alias', key: aliased, alias: name}
    if (this.otherNames.has(name)) return {kind: 'unknown', otherFile: true}
    const suggestion = suggestName(name, [...this.byName.keys(), ...this.byAlias.keys()])
    const target = suggestion === undefined ? undefined : (this.byAlias.get(suggestion)?.name ?? suggestion)
    return {kind: 'unknown', suggestion: target}
  }

  /** The entry for a key name (not an alias). */
  get(name: string): ConfigKey | undefined {
    return this.byName.get(name)
  }
}
