import type {Logger} from '../../common/logger.js'
import type {BrokerConfig} from '../../config/broker-config.js'
import {HaService} from '../../ha/ha-service.js'
import type {Timers} from '../../common/timers.js'
import {encodeViewMessageRequestHeader} from '../../remoting/header/view-message-request-header.js'
import {createRequest} from '../../remoting/remoting-command.js'
import type {RemotingClient} from '../../remoting/remoting-client.js'
import {RequestCode} from '../../remoting/request-code.js'
import {ResponseCode} from '../../remoting/response-code.js'
import type {MessageStore} from '../../store/message-store.js'

/** What the broker hands its replication. */
export interface BrokerHaServiceDeps {
  config: BrokerConfig
  store: MessageStore
  client: RemotingClient
  timers: Timers
  logger: Logger
  reconnectIntervalMs?: number
}

const VIEW_TIMEOUT_MS = 3000

/**
 * Starts the broker's classic replication (RocketMQ creates HAService inside DefaultMessageStore unless
 * the DLedger commitlog is enabled; mqlab's broker owns it beside the store): binds haListenPort and,
 * when that was 0, writes the bound port into the config so registrations advertise it. Its divergence
 * check reads the master's records with VIEW_MESSAGE_BY_ID over the broker's remoting client.
 */
export async function startBrokerHaService(deps: BrokerHaServiceDeps): Promise<HaService | undefined> {
  if (deps.config.enableDLegerCommitLog) return undefined
  const service = new HaService({
    store: deps.store,
    config: deps.config,
    timers: deps.timers,
    logger: deps.logger,
    reconnectIntervalMs: deps.reconnectIntervalMs,
    reportOffsetOnConnect: deps.config.mqlabHaReportOnConnect,
    copyEverythingToEmptySlave: deps.config.mqlabHaCopyEverythingToEmptySlave,
    fetchMasterRecord: (masterAddress, offset) => viewMessage(deps.client, masterAddress, offset),
  })
  await service.start()
  deps.config.haListenPort = service.port
  return service
}

/** The record at a commitlog offset on another broker; undefined when it has none there. */
async function viewMessage(client: RemotingClient, addr: string, offset: number): Promise<Buffer | undefined> {
  const response = await client.invoke(addr, createRequest(RequestCode.VIEW_MESSAGE_BY_ID, encodeViewMessageRequestHeader({offset})), VIEW_TIMEOUT_MS)
  if (response.code === ResponseCode.SUCCESS && response.body) return response.body
  // QueryMessageProcessor.viewMessageById: SYSTEM_ERROR "can not find message by the offset, N".
  if (response.code === ResponseCode.SYSTEM_ERROR && /can not find message/i.test(response.remark ?? '')) return undefined
  throw new Error(`VIEW_MESSAGE_BY_ID at ${addr} answered code ${response.code} ${response.remark ?? ''}`.trim())
}
