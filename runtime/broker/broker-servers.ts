import type {Logger} from '../common/logger.js'
import type {BrokerConfig} from '../config/broker-config.js'
import {RemotingServer, type RemotingConnection} from '../remoting/remoting-server.js'
import type {BrokerContext} from './broker-context.js'
import {registerBrokerProcessors} from './broker-processors.js'

/** The broker's two listeners: listenPort, and the fast (VIP) channel on listenPort − 2. */
export interface BrokerServers {
  main: RemotingServer
  fast: RemotingServer
}

/**
 * Binds listenPort and listenPort − 2 on brokerIP1 with the broker's processors (the fast channel serves
 * everything but PULL_MESSAGE, as BrokerController.registerProcessor does). Rejects with PortInUseError
 * naming the port and its purpose; a server already bound is closed again first.
 */
export async function startBrokerServers(
  config: Pick<BrokerConfig, 'brokerIP1' | 'listenPort' | 'brokerName' | 'serverChannelMaxIdleTimeSeconds'>,
  ctx: BrokerContext,
  logger: Logger,
  onConnectionClosed: (connection: RemotingConnection) => void,
): Promise<BrokerServers> {
  const {brokerIP1, listenPort, brokerName, serverChannelMaxIdleTimeSeconds} = config
  const common = {host: brokerIP1, idleTimeoutMs: serverChannelMaxIdleTimeSeconds * 1000, logger}
  const main = new RemotingServer({...common, port: listenPort, name: `${brokerName} listenPort`})
  // listenPort 0 (tests) cannot have a port two below it: the fast channel then takes any free port.
  const fastPort = listenPort === 0 ? 0 : listenPort - 2
  const fast = new RemotingServer({...common, port: fastPort, name: `${brokerName} fast listenPort (listenPort-2)`})
  registerBrokerProcessors(main, ctx, {fastChannel: false})
  registerBrokerProcessors(fast, ctx, {fastChannel: true})
  for (const server of [main, fast]) server.onConnectionClosed(onConnectionClosed)
  await main.listen()
  try {
    await fast.listen()
  } catch (error) {
    await main.close()
    throw error
  }
  return {main, fast}
}
