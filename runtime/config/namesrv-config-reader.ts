/** Reads name server .properties text into a typed NamesrvConfig with every problem found (no I/O). */
import {brokerConfigKeys} from './broker-config-keys.js'
import {ConfigCatalogue} from './config-catalogue.js'
import {typeEntries} from './config-entries.js'
import type {ConfigProblem} from './config-problem.js'
import {namesrvConfigKeys} from './namesrv-config-keys.js'
import {defaultNamesrvConfig, type NamesrvConfig} from './namesrv-config.js'
import {parseProperties} from './properties-parser.js'
import {brokerUnmodelledKeys, namesrvUnmodelledKeys} from './rocketmq-unmodelled-keys.js'
import type {ReadConfigOptions} from './broker-config-reader.js'

/** The catalogue of keys a name server file may hold. */
export const namesrvCatalogue = new ConfigCatalogue([...namesrvConfigKeys, ...namesrvUnmodelledKeys], [...brokerConfigKeys, ...brokerUnmodelledKeys])

/** A name server file read: its config, problems, and where each key is. */
export interface NamesrvConfigRead {
  config: NamesrvConfig
  problems: ConfigProblem[]
  lines: Map<string, number>
}

/** Parses and checks name server config text; `file` labels problems. Never throws on bad input. */
export function readNamesrvConfigText(text: string, file: string, options: ReadConfigOptions = {}): NamesrvConfigRead {
  const parsed = parseProperties(text, file)
  const typed = typeEntries(parsed.entries, namesrvCatalogue, {file, kind: 'name server', otherKind: 'broker', cwd: options.cwd ?? process.cwd()})
  const problems = [...parsed.problems, ...typed.problems]
  if (parsed.entries.length === 0 && parsed.problems.length === 0) {
    problems.push({
      severity: 'error',
      rule: 'file-empty',
      file,
      message: 'the file sets no keys',
      fix: 'regenerate it with mqlab init, or write at least listenPort',
    })
  }
  const config = defaultNamesrvConfig()
  const target = config as unknown as Record<string, unknown>
  for (const [name, entry] of typed.values) {
    if (name in target) target[name] = entry.value
  }
  const at = (key: string) => ({file, line: typed.lines.get(key), key})
  if (config.listenPort < 1) {
    problems.push({
      severity: 'error',
      rule: 'port-range',
      ...at('listenPort'),
      message: `listenPort ${config.listenPort} is not a port brokers and clients can be told about`,
      fix: 'use a port from 1 to 65535, e.g. 9876',
    })
  }
  if (!/^[0-9A-Za-z.:_-]+$/.test(config.bindAddress)) {
    problems.push({
      severity: 'error',
      rule: 'bind-address',
      ...at('bindAddress'),
      message: `${JSON.stringify(config.bindAddress)} is not an address`,
      fix: 'write an IP address such as 127.0.0.1',
    })
  }
  return {config, problems, lines: typed.lines}
}
