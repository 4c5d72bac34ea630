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
import {BrokerController} from '../broker/broker-controller.js'
import {createDLedgerBroker} from '../dledger/broker/dledger-broker.js'
import {ConfigFileCorruptError} from '../broker/config/config-manager.js'
import {formatBrokerConfig} from '../broker/processor/broker-info-processor.js'
import {createLogger} from '../common/logger.js'
import {defaultBrokerConfig, type BrokerConfig} from '../config/broker-config.js'
import {loadBrokerConfig} from '../config/broker-config-loader.js'
import {parseNamesrvAddr} from '../config/namesrv-addr.js'
import {RemotingError} from '../remoting/remoting-errors.js'
import {LockFailedError} from '../store/store-errors.js'
import {fail, loadConfigOrExit, runMain, serveUntilSignalled, startupArgs, type FlagSpec} from './process-lifecycle.js'

const USAGE = 'usage: mqbroker [-c configFile] [-n namesrvAddr] [-p] [-h]\n'

const FLAGS: FlagSpec[] = [
  {short: 'c', long: 'configFile', takesValue: true},
  {short: 'n', long: 'namesrvAddr', takesValue: true},
  {short: 'p', long: 'printConfigItem', takesValue: false},
  {short: 'h', long: 'help', takesValue: false},
]

async function main(): Promise<void> {
  const args = startupArgs('mqbroker', FLAGS, USAGE)
  const configFile = args.get('configFile')
  const namesrvAddr = args.get('namesrvAddr')
  const logger = createLogger('broker')
  const config: BrokerConfig = loadConfigOrExit(configFile, loadBrokerConfig, defaultBrokerConfig, logger)
  if (namesrvAddr !== undefined) {
    // BrokerStartup checks every -n entry and exits when one is malformed.
    const parsed = parseNamesrvAddr(namesrvAddr)
    if (!parsed.ok) fail(`mqbroker: -n ${namesrvAddr}: ${parsed.error}`)
    config.namesrvAddr = namesrvAddr
  }
  if (args.has('printConfigItem')) {
    process.stdout.write(formatBrokerConfig(config))
    return
  }
  const dledger = config.enableDLegerCommitLog ? createDLedgerBroker(config, {logger}) : undefined
  const broker = dledger?.broker ?? new BrokerController(config, {logger})
  try {
    await (dledger ? dledger.start() : broker.start())
  } catch (err) {
    // PortInUseError: "port 10911 (broker-a listenPort) is already in use on 127.0.0.1".
    if (err instanceof RemotingError || err instanceof LockFailedError || err instanceof ConfigFileCorruptError) fail(`mqbroker: ${err.message}`)
    fail(`mqbroker: cannot start: ${err instanceof Error ? err.message : String(err)}`)
  }
  logger.info(`broker ${config.brokerName} (${broker.brokerAddr}, fast port ${broker.fastListenPort}) running, pid ${process.pid}`)
  serveUntilSignalled(logger, () => broker.shutdown())
}

runMain('mqbroker', main)
