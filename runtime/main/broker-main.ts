/**
 * `mqbroker -c FILE [-n namesrvAddr]`: a broker as its own process (RocketMQ's BrokerStartup). The only
 * broker file that touches argv, env and signals.
 *
 *   -c FILE         .properties with RocketMQ's keys; without it RocketMQ's defaults apply
 *   -n ADDR         name servers `host:port;host:port`, overriding namesrvAddr from the file
 *   -p              print the effective configuration and exit
 *   -h              usage
 *
 * Logs go to stdout. After both ports are bound the pid is written to $MQLAB_PID_FILE when set.
 * SIGTERM or SIGINT shut down gracefully (unregister, flush, delete the abort file, release the lock) and
 * exit 0. A bad config prints the file:line problems to stderr and exits 1; so does a port in use
 * (naming the port and what it is for) or a store locked by another broker.
 */
import {writeFileSync} from 'node:fs'
import {BrokerController} from '../broker/broker-controller.js'
import {ConfigFileCorruptError} from '../broker/config/config-manager.js'
import {formatBrokerConfig} from '../broker/processor/broker-info-processor.js'
import {createLogger} from '../common/logger.js'
import {defaultBrokerConfig, type BrokerConfig} from '../config/broker-config.js'
import {loadBrokerConfig} from '../config/broker-config-loader.js'
import {ConfigError} from '../config/config-error.js'
import {formatProblem} from '../config/config-problem.js'
import {parseNamesrvAddr} from '../config/namesrv-addr.js'
import {RemotingError} from '../remoting/remoting-errors.js'
import {LockFailedError} from '../store/store-errors.js'

const USAGE = 'usage: mqbroker [-c configFile] [-n namesrvAddr] [-p] [-h]\n'

/** Parsed command line. */
interface BrokerArgs {
  configFile?: string
  namesrvAddr?: string
  printConfig: boolean
  help: boolean
}

class UsageError extends Error {}

function parseArgs(argv: string[]): BrokerArgs {
  const args: BrokerArgs = {printConfig: false, help: false}
  const value = (i: number, flag: string): string => {
    const v = argv[i]
    if (v === undefined) throw new UsageError(`${flag} needs a value`)
    return v
  }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    if (a === '-c' || a === '--configFile') args.configFile = value(++i, a)
    else if (a.startsWith('--configFile=')) args.configFile = a.slice('--configFile='.length)
    else if (a === '-n' || a === '--namesrvAddr') args.namesrvAddr = value(++i, a)
    else if (a.startsWith('--namesrvAddr=')) args.namesrvAddr = a.slice('--namesrvAddr='.length)
    else if (a === '-p' || a === '--printConfigItem') args.printConfig = true
    else if (a === '-h' || a === '--help') args.help = true
    else throw new UsageError(`unknown argument ${a}`)
  }
  return args
}

function fail(message: string): never {
  process.stderr.write(message.endsWith('\n') ? message : `${message}\n`)
  process.exit(1)
}

async function main(): Promise<void> {
  let args: BrokerArgs
  try {
    args = parseArgs(process.argv.slice(2))
  } catch (err) {
    fail(`mqbroker: ${(err as Error).message}\n${USAGE}`)
  }
  if (args.help) {
    process.stdout.write(USAGE)
    return
  }
  const logger = createLogger('broker')
  let config: BrokerConfig
  try {
    config =
      args.configFile === undefined
        ? defaultBrokerConfig()
        : loadBrokerConfig(args.configFile, {onWarnings: (warnings) => warnings.forEach((w) => logger.warn(formatProblem(w)))})
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message)
    throw err
  }
  if (args.namesrvAddr !== undefined) {
    // BrokerStartup checks every -n entry and exits when one is malformed.
    const parsed = parseNamesrvAddr(args.namesrvAddr)
    if (!parsed.ok) fail(`mqbroker: -n ${args.namesrvAddr}: ${parsed.error}`)
    config.namesrvAddr = args.namesrvAddr
  }
  if (args.printConfig) {
    process.stdout.write(formatBrokerConfig(config))
    return
  }

  const broker = new BrokerController(config, {logger})
  try {
    await broker.start()
  } catch (err) {
    // PortInUseError: "port 10911 (broker-a listenPort) is already in use on 127.0.0.1".
    if (err instanceof RemotingError || err instanceof LockFailedError || err instanceof ConfigFileCorruptError) fail(`mqbroker: ${err.message}`)
    fail(`mqbroker: cannot start: ${err instanceof Error ? err.message : String(err)}`)
  }
  const pidFile = process.env.MQLAB_PID_FILE
  if (pidFile) writeFileSync(pidFile, `${process.pid}\n`)
  logger.info(`broker ${config.brokerName} (${broker.brokerAddr}, fast port ${broker.fastListenPort}) running, pid ${process.pid}`)

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info(`${signal} received, shutting down`)
    broker.shutdown().then(
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
  process.stderr.write(`mqbroker: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
  process.exit(1)
})
