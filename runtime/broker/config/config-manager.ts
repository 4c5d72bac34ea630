import type {Logger} from '../../common/logger.js'
import {silentLogger} from '../../common/logger.js'

/**
 * Where a broker's JSON config files live (topics.json, subscriptionGroup.json, consumerOffset.json,
 * delayOffset.json under <storePathRootDir>/config/). The broker adapts runtime/store/config-file.ts
 * (atomic write + .bak); unit tests use an in-memory map.
 */
export interface ConfigFileStore {
  /** The file's text, or undefined when it does not exist. */
  read(fileName: string): Promise<string | undefined>
  /** Replaces the file atomically. */
  write(fileName: string, text: string): Promise<void>
}

/** Raised when a config file exists but cannot be understood; the file is left as it is. */
export class ConfigFileCorruptError extends Error {
  constructor(
    readonly fileName: string,
    cause: unknown,
  ) {
    super(`${fileName}: cannot be loaded: ${cause instanceof Error ? cause.message : String(cause)}`)
    this.name = 'ConfigFileCorruptError'
  }
}

/**
 * RocketMQ's ConfigManager: a table encoded as JSON into one file, loaded at start and persisted after
 * changes. Writes are serialized and coalesced, so a burst of changes costs at most two writes and a
 * later write never lands before an earlier one.
 */
export abstract class ConfigManager {
  private running: Promise<void> = Promise.resolve()
  private queued: Promise<void> | undefined

  protected constructor(
    protected readonly files: ConfigFileStore,
    /** File name relative to the config directory, e.g. "topics.json". */
    readonly fileName: string,
    protected readonly logger: Logger = silentLogger,
  ) {}

  /** The table as the file's JSON text. */
  abstract encode(): string
  /** Replaces or merges the table from a file's text; throws when the text is not understood. */
  protected abstract decode(text: string): void

  /** Loads the file (or its .bak when the file is unreadable); a missing file keeps the defaults. */
  async load(): Promise<void> {
    const text = await this.files.read(this.fileName)
    if (text === undefined || text.trim() === '') {
      await this.loadBak()
      return
    }
    try {
      this.decode(text)
    } catch (error) {
      this.logger.warn(`${this.fileName} is corrupt (${String(error)}); trying ${this.fileName}.bak`)
      if (!(await this.loadBak())) throw new ConfigFileCorruptError(this.fileName, error)
    }
  }

  private async loadBak(): Promise<boolean> {
    const bak = await this.files.read(`${this.fileName}.bak`)
    if (bak === undefined || bak.trim() === '') return false
    try {
      this.decode(bak)
      return true
    } catch (error) {
      throw new ConfigFileCorruptError(`${this.fileName}.bak`, error)
    }
  }

  /** Writes the current table; concurrent calls share one pending write. */
  persist(): Promise<void> {
    if (this.queued) return this.queued
    const next = this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined
        return this.files.write(this.fileName, this.encode())
      })
    this.queued = next
    this.running = next
    return next
  }

  /** Persists and logs instead of rejecting: for changes made on a request path. */
  persistInBackground(): void {
    this.persist().catch((error: unknown) => this.logger.error(`persisting ${this.fileName} failed`, error))
  }
}
