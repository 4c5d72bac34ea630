import type {ConfigFileStore} from '../../runtime/broker/config/config-manager.js'

/** An in-memory ConfigFileStore for manager unit tests; counts writes. */
export class MemoryConfigFiles implements ConfigFileStore {
  readonly files = new Map<string, string>()
  writes = 0

  async read(fileName: string): Promise<string | undefined> {
    return this.files.get(fileName)
  }

  async write(fileName: string, text: string): Promise<void> {
    this.writes++
    this.files.set(fileName, text)
  }
}
