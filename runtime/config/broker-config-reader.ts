/** Reads broker .properties text into a typed BrokerConfig with every problem found (no I/O). */
import {brokerConfigKeys} from './broker-config-keys.js'
import {applyBrokerRules} from './broker-config-rules.js'
import {defaultBrokerConfig, type BrokerConfig} from './broker-config.js'
import {ConfigCatalogue} from './config-catalogue.js'
import {typeEntries} from './config-entries.js'
import type {ConfigProblem} from './config-problem.js'
import {namesrvConfigKeys} from './namesrv-config-keys.js'
import {parseProperties} from './properties-parser.js'
import {brokerUnmodelledKeys, namesrvUnmodelledKeys} from './rocketmq-unmodelled-keys.js'

/** The catalogue of keys a broker file may hold (modelled first, then the ones mqlab ignores). */
export const brokerCatalogue = new ConfigCatalogue([...brokerConfigKeys, ...brokerUnmodelledKeys], [...namesrvConfigKeys, ...namesrvUnmodelledKeys])

/** A broker file read: its config (defaults where a value was missing or bad), problems, and where each key is. */
export interface BrokerConfigRead {
  config: BrokerConfig
  problems: ConfigProblem[]
  /** 1-based line of every key present in the file, by canonical name. */
  lines: Map<string, number>
}

/** Options for reading config text. */
export interface ReadConfigOptions {
  /** Base for relative paths; Java resolves them against the process's working directory. */
  cwd?: string
}

/** Parses and checks broker config text; `file` labels problems. Never throws on bad input. */
export function readBrokerConfigText(text: string, file: string, options: ReadConfigOptions = {}): BrokerConfigRead {
  const parsed = parseProperties(text, file)
  const typed = typeEntries(parsed.entries, brokerCatalogue, {file, kind: 'broker', otherKind: 'name server', cwd: options.cwd ?? process.cwd()})
  const problems = [...parsed.problems, ...typed.problems]
  if (parsed.entries.length === 0 && parsed.problems.length === 0) {
    problems.push({
      severity: 'error',
      rule: 'file-empty',
      file,
      message: 'the file sets no keys',
      fix: 'regenerate it with mqlab init, or write at least brokerName, listenPort and storePathRootDir',
    })
  }
  const config = defaultBrokerConfig()
  const target = config as unknown as Record<string, unknown>
  for (const [name, entry] of typed.values) {
    if (name in target) target[name] = entry.value
  }
  // MessageStoreConfig.getStorePathCommitLog: <storePathRootDir>/commitlog unless set.
  if (!typed.values.has('storePathCommitLog')) config.storePathCommitLog = `${config.storePathRootDir}/commitlog`
  // The shape's rule: brokerIP2 follows brokerIP1 unless given.
  if (!typed.values.has('brokerIP2')) config.brokerIP2 = config.brokerIP1
  problems.push(...applyBrokerRules(config, typed.lines, file))
  return {config, problems, lines: typed.lines}
}
