/** Loads a broker's .properties file at start-up (`mqbroker -c FILE`). */
import type {BrokerConfig} from './broker-config.js'
import {readBrokerConfigText, type ReadConfigOptions} from './broker-config-reader.js'
import {readConfigFileText} from './config-file-text.js'
import {ConfigError} from './config-error.js'
import {hasErrors, type ConfigProblem} from './config-problem.js'

/** Options for the loaders. */
export interface LoadConfigOptions extends ReadConfigOptions {
  /** Receives the warnings of a file that loaded (e.g. to log them). */
  onWarnings?: (warnings: ConfigProblem[]) => void
}

/**
 * Reads and checks a broker config file with the same rules and messages as `mqlab validate`, applying
 * RocketMQ's start-up adjustments. Throws ConfigError when the file has any error.
 */
export function loadBrokerConfig(file: string, options: LoadConfigOptions = {}): BrokerConfig {
  const read = readConfigFileText(file)
  if (!read.ok) throw new ConfigError([read.problem])
  const {config, problems} = readBrokerConfigText(read.text, file, options)
  if (hasErrors(problems)) throw new ConfigError(problems)
  if (problems.length > 0) options.onWarnings?.(problems)
  return config
}
