/** Loads a name server's .properties file at start-up (`mqnamesrv -c FILE`). */
import type {LoadConfigOptions} from './broker-config-loader.js'
import {readConfigFileText} from './config-file-text.js'
import {ConfigError} from './config-error.js'
import {hasErrors} from './config-problem.js'
import type {NamesrvConfig} from './namesrv-config.js'
import {readNamesrvConfigText} from './namesrv-config-reader.js'

/** Reads and checks a name server config file with `mqlab validate`'s rules. Throws ConfigError when the file has any error. */
export function loadNamesrvConfig(file: string, options: LoadConfigOptions = {}): NamesrvConfig {
  const read = readConfigFileText(file)
  if (!read.ok) throw new ConfigError([read.problem])
  const {config, problems} = readNamesrvConfigText(read.text, file, options)
  if (hasErrors(problems)) throw new ConfigError(problems)
  if (problems.length > 0) options.onWarnings?.(problems)
  return config
}
