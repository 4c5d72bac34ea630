/**
 * `mqnamesrv -c FILE`: a name server as its own process (RocketMQ's NamesrvStartup). The only name-server
 * file that touches argv, env and signals.
 *
 *   -c FILE   .properties with RocketMQ's keys (listenPort, …); without it RocketMQ's defaults apply
 *   -p        print the effective configuration and exit
 *   -h        usage
 *
 * Logs go to stdout. After the port is bound the pid is written to $MQLAB_PID_FILE when set. SIGTERM or
 * SIGINT shut down gracefully and exit 0. A bad config prints the file:line problems to stderr and
 * exits 1; so does a port in use, naming the port.
 */
import {writeFileSync} from 'node:fs'
import {createLogger} from '../common/logger.js'
import {ConfigError} from '../config/config-error.js'
import {defaultNamesrvConfig, type NamesrvConfig} from '../config/namesrv-config.js'
import {loadNamesrvConfig} from '../config/namesrv-config-loader.js'
import {formatProblem} from '../config/config-problem.js'
import {NamesrvController} from '../namesrv/namesrv-controller.js'
import {namesrvConfigText} from '../namesrv/namesrv-config-request-processors.js'
import {RemotingError} from '../remoting/remoting-errors.js'

const USAGE = 'usage: mqnamesrv [-c configFile] [-p] [-h]\n'

/** Parsed command line. */
interface NamesrvArgs {
  configFile?: string
  printConfig: boolean
  help: boolean
}

function parseArgs(argv: string[]): NamesrvArgs {
  const args: NamesrvArgs = {printConfig: false, help: false}
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    if (a === '-c' || a === '--configFile') {
      const file = argv[++i]
      if (file === undefined) throw new UsageError('-c needs a file')
      args.configFile = file
    } else if (a.startsWith('--configFile=')) {
      args.configFile = a.slice('--configFile='.length)
    } else if (a === '-p' || a === '--printConfigItem') {
      args.printConfig = true
    } else if (a === '-h' || a === '--help') {
      args.help = true
    } else {
      throw new UsageError(`unknown argument ${a}`)
    }
  }
  return args
}

class UsageError extends Error {}

function fail(message: string): never {
  process.stderr.write(message.endsWith('\n') ? message : `${message}\n`)
  process.exit(1)
}

async function main(): Promise<void> {
  let args: NamesrvArgs
  try {
    args = parseArgs(process.argv.slice(2))
  } catch (err) {
    fail(`${(err as Error).message}\n${USAGE}`)
  }
  if (args.help) {
    process.stdout.write(USAGE)
    return
  }
  const logger = createLogger('namesrv')
  let config: NamesrvConfig
  try {
    config =
      args.configFile === undefined
        ? defaultNamesrvConfig()
        : loadNamesrvConfig(args.configFile, {onWarnings: (warnings) => warnings.forEach((w) => logger.warn(formatProblem(w)))})
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message)
    throw err
  }
  if (args.printConfig) {
    process.stdout.write(namesrvConfigText(config))
    return
  }

  const controller = new NamesrvController(config, {logger})
  try {
    await controller.start()
  } catch (err) {
    // PortInUseError: "port 9876 (namesrv listenPort) is already in use on 127.0.0.1".
    if (err instanceof RemotingError) fail(`mqnamesrv: ${err.message}`)
    fail(`mqnamesrv: cannot start: ${(err as Error).message}`)
  }
  const pidFile = process.env.MQLAB_PID_FILE
  if (pidFile) writeFileSync(pidFile, `${process.pid}\n`)
  logger.info(`The Name Server boot success. serializeType=JSON, listening on ${controller.address}, pid ${process.pid}`)

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info(`${signal} received, shutting down`)
    controller.shutdown().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error('shutdown failed', err)
        process.exit(1)
      },
    )
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
}

main().catch((err: unknown) => {
  process.stderr.write(`mqnamesrv: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
  process.exit(1)
})
