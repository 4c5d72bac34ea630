import {join} from 'node:path'
import {readConfigFile, writeConfigFile} from '../../common/config-file.js'
import type {ConfigFileStore} from './config-manager.js'

/** The broker's config files under <storePathRootDir>/config/, written atomically with a .bak (runtime/store/config-file.ts). */
export function storeConfigFiles(storePathRootDir: string): ConfigFileStore {
  const dir = join(storePathRootDir, 'config')
  return {
    read: (fileName) => readConfigFile(join(dir, fileName)),
    write: (fileName, text) => writeConfigFile(join(dir, fileName), text),
  }
}
