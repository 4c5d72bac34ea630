import type {Logger} from '../../common/logger.js'
import {silentLogger} from '../../common/logger.js'
import {crc32} from '../../common/crc32.js'
import {encodeRegisterBrokerBody} from '../../remoting/body/register-broker-body.js'
import type {TopicConfigSerializeWrapper} from '../../remoting/body/topic-config-serialize-wrapper.js'
import {encodeRegisterBrokerRequestHeader} from '../../remoting/header/register-broker-request-header.js'
import {decodeRegisterBrokerResponseHeader} from '../../remoting/header/register-broker-response-header.js'
import {encodeUnRegisterBrokerRequestHeader} from '../../remoting/header/un-register-broker-request-header.js'
import {createRequest, type RemotingCommand} from '../../remoting/remoting-command.js'
import type {RemotingClient} from '../../remoting/remoting-client.js'
import {RequestCode} from '../../remoting/request-code.js'
import {ResponseCode} from '../../remoting/response-code.js'

/** Who the broker is, as it tells the name servers. */
export interface BrokerIdentity {
  clusterName: string
  brokerName: string
  brokerId: number
  /** brokerIP1:listenPort. */
  brokerAddr: string
  /** brokerIP2:haListenPort. */
  haServerAddr: string
}

/** What one name server answered a registration with (only a slave's gets addresses). */
export interface RegisterBrokerResult {
  namesrvAddr: string
  ok: boolean
  error?: string
  masterAddr?: string
  haServerAddr?: string
}

/** Per-call timeout for registrations (BrokerConfig.registerBrokerTimeoutMills, 6000 ms). */
const REGISTER_TIMEOUT_MS = 6000

/**
 * The broker's calls to the name servers (RocketMQ broker/out/BrokerOuterAPI.java): REGISTER_BROKER to
 * every name server in parallel (its topics as a TopicConfigSerializeWrapper, with bodyCrc32), and
 * UNREGISTER_BROKER on shutdown. A name server that is down is logged and skipped; the next periodic
 * registration retries it.
 */
export class BrokerOuterAPI {
  constructor(
    private readonly client: RemotingClient,
    private readonly logger: Logger = silentLogger,
  ) {}

  /** Registers with every address; with `oneway` nothing is awaited beyond the write. */
  async registerBrokerAll(
    namesrvAddrs: string[],
    identity: BrokerIdentity,
    topics: TopicConfigSerializeWrapper,
    options: {oneway?: boolean; compressed?: boolean} = {},
  ): Promise<RegisterBrokerResult[]> {
    const body = encodeRegisterBrokerBody({topicConfigSerializeWrapper: topics, filterServerList: []}, options.compressed ?? false)
    const header = encodeRegisterBrokerRequestHeader({
      brokerName: identity.brokerName,
      brokerAddr: identity.brokerAddr,
      clusterName: identity.clusterName,
      haServerAddr: identity.haServerAddr,
      brokerId: identity.brokerId,
      compressed: options.compressed ?? false,
      bodyCrc32: crc32(body),
    })
    return Promise.all(
      namesrvAddrs.map(async (addr): Promise<RegisterBrokerResult> => {
        const request = createRequest(RequestCode.REGISTER_BROKER, header, body)
        try {
          if (options.oneway) {
            await this.client.invokeOneway(addr, request)
            return {namesrvAddr: addr, ok: true}
          }
          const response = await this.client.invoke(addr, request, REGISTER_TIMEOUT_MS)
          return this.toResult(addr, response)
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error)
          this.logger.warn(`register broker to name server ${addr} failed: ${message}`)
          return {namesrvAddr: addr, ok: false, error: message}
        }
      }),
    )
  }

  /** Unregisters from every address (graceful shutdown); failures are logged. */
  async unregisterBrokerAll(namesrvAddrs: string[], identity: BrokerIdentity, timeoutMs = 3000): Promise<void> {
    const header = encodeUnRegisterBrokerRequestHeader({
      brokerName: identity.brokerName,
      brokerAddr: identity.brokerAddr,
      clusterName: identity.clusterName,
      brokerId: identity.brokerId,
    })
    await Promise.all(
      namesrvAddrs.map(async (addr) => {
        try {
          const response = await this.client.invoke(addr, createRequest(RequestCode.UNREGISTER_BROKER, header), timeoutMs)
          if (response.code !== ResponseCode.SUCCESS) this.logger.warn(`unregister broker from ${addr}: code ${response.code} ${response.remark ?? ''}`)
          else this.logger.info(`unregister broker from name server ${addr} OK`)
        } catch (error) {
          this.logger.warn(`unregister broker from name server ${addr} failed: ${error instanceof Error ? error.message : String(error)}`)
        }
      }),
    )
  }

  private toResult(addr: string, response: RemotingCommand): RegisterBrokerResult {
    if (response.code !== ResponseCode.SUCCESS) {
      const error = `code ${response.code} ${response.remark ?? ''}`.trim()
      this.logger.warn(`register broker to name server ${addr} refused: ${error}`)
      return {namesrvAddr: addr, ok: false, error}
    }
    const h = decodeRegisterBrokerResponseHeader(response.extFields)
    return {namesrvAddr: addr, ok: true, masterAddr: h.masterAddr || undefined, haServerAddr: h.haServerAddr || undefined}
  }
}
