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
import {createLogger} from '../common/logger.js'
import {defaultNamesrvConfig, type NamesrvConfig} from '../config/namesrv-config.js'
import {loadNamesrvConfig} from '../config/namesrv-config-loader.js'
import {NamesrvController} from '../namesrv/namesrv-controller.js'
import {namesrvConfigText} from '../namesrv/namesrv-config-request-processors.js'
import {RemotingError} from '../remoting/remoting-errors.js'
import {fail, loadConfigOrExit, runMain, serveUntilSignalled, startupArgs, type FlagSpec} from './process-lifecycle.js'

const USAGE = 'usage: mqnamesrv [-c configFile] [-p] [-h]\n'

const FLAGS: FlagSpec[] = [
  {short: 'c', long: 'configFile', takesValue: true},
  {short: 'p', long: 'printConfigItem', takesValue: false},
  {short: 'h', long: 'help', takesValue: false},
]

async function main(): Promise<void> {
  const args = startupArgs('mqnamesrv', FLAGS, USAGE)
  const configFile = args.get('configFile')
  const logger = createLogger('namesrv')
  const config: NamesrvConfig = loadConfigOrExit(configFile, loadNamesrvConfig, defaultNamesrvConfig, logger)
  if (args.has('printConfigItem')) {
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
  logger.info(`The Name Server boot success. serializeType=JSON, listening on ${controller.address}, pid ${process.pid}`)
  serveUntilSignalled(logger, () => controller.shutdown())
}

runMain('mqnamesrv', main)
