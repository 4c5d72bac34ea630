/**
 * What a producer, consumer and admin client share (RocketMQ's MQClientInstance): the remoting client,
 * the name servers, the clientID, the topic routes and the brokerName → address table built from them.
 *
 * Routes are cached and re-read after `pollNameServerIntervalMs` (30 s, as Java polls). Only with the
 * opt-in `failover: 'fast'` do callers also re-read a route at once after a connection failure
 * (`timing`, see failover-timing.ts). Concurrent reads of one topic's route share one request.
 */
import {silentLogger, type Logger} from '../../runtime/common/logger.js'
import {decodeTopicRouteData, type TopicRouteData} from '../../runtime/remoting/body/topic-route-data.js'
import {encodeGetRouteInfoRequestHeader} from '../../runtime/remoting/header/get-route-info-request-header.js'
import {RemotingClient} from '../../runtime/remoting/remoting-client.js'
import {createRequest} from '../../runtime/remoting/remoting-command.js'
import {RequestCode} from '../../runtime/remoting/request-code.js'
import {ResponseCode} from '../../runtime/remoting/response-code.js'
import {MQBrokerError, MQClientError} from './client-errors.js'
import {buildClientId, defaultInstanceName, localClientIP} from './client-id.js'
import {parseNamesrvAddrList, type ClientOptions} from './client-options.js'
import {failoverTiming, type FailoverTiming} from './failover-timing.js'
import type {RemotingInvoker} from './remoting-invoker.js'
import {BrokerAddrTable} from './route/broker-addr-table.js'
import {NameServerClient} from './route/name-server-client.js'
import {realTimers, type Timers} from '../../runtime/common/timers.js'

/** Dependencies a test or a long-lived process may inject. */
export interface ClientDependencies {
  remoting?: RemotingInvoker
  /** Wall clock in ms (route ages, born timestamps); default timers.now. */
  now?: () => number
  /** The client's timers: request timeouts and a consume run's schedule (default the real ones). */
  timers?: Timers
}

interface CachedRoute {
  route: TopicRouteData
  fetchedAt: number
}

/** The shared core of mqlab's producer, consumer and admin client. */
export class MQClientInstance {
  readonly clientId: string
  readonly remoting: RemotingInvoker
  readonly nameServer: NameServerClient
  readonly brokerAddrTable = new BrokerAddrTable()
  readonly logger: Logger
  readonly requestTimeoutMs: number
  readonly now: () => number
  readonly timers: Timers
  /** The failover timings this client keeps (Java's unless `failover: 'fast'`). */
  readonly timing: FailoverTiming
  readonly pollIntervalMs: number
  private readonly routes = new Map<string, CachedRoute>()
  private readonly pendingRoutes = new Map<string, Promise<TopicRouteData | undefined>>()
  private readonly ownsRemoting: boolean
  private closed = false

  constructor(options: ClientOptions, deps: ClientDependencies = {}) {
    const addrs = parseNamesrvAddrList(options.namesrvAddr)
    this.logger = options.logger ?? silentLogger
    this.requestTimeoutMs = options.requestTimeoutMs ?? 3000
    this.timing = failoverTiming(options.failover)
    this.pollIntervalMs = options.pollNameServerIntervalMs ?? this.timing.pollNameServerIntervalMs
    const timers = deps.timers ?? realTimers
    this.timers = timers
    this.now = deps.now ?? (() => timers.now())
    this.ownsRemoting = deps.remoting === undefined
    this.remoting = deps.remoting ?? new RemotingClient({logger: this.logger.child('remoting'), timers})
    this.nameServer = new NameServerClient(this.remoting, addrs, this.requestTimeoutMs, this.logger)
    this.clientId = buildClientId(options.clientIP ?? localClientIP(), options.instanceName ?? defaultInstanceName())
  }

  /** Reads a route from the name servers; undefined when they answer TOPIC_NOT_EXIST. */
  async getTopicRouteFromNameServer(topic: string): Promise<TopicRouteData | undefined> {
    this.assertOpen()
    const {response, addr} = await this.nameServer.request(() => createRequest(RequestCode.GET_ROUTEINFO_BY_TOPIC, encodeGetRouteInfoRequestHeader({topic})))
    if (response.code === ResponseCode.TOPIC_NOT_EXIST) return undefined
    if (response.code !== ResponseCode.SUCCESS) throw new MQBrokerError(response.code, response.remark, addr)
    if (response.body === undefined || response.body.length === 0) return undefined
    return decodeTopicRouteData(response.body)
  }

  /**
   * Re-reads a topic's route now and records it (route cache and broker address table). Resolves
   * undefined when the topic has no route; the last known route, if any, is kept, as Java keeps it.
   */
  updateTopicRoute(topic: string): Promise<TopicRouteData | undefined> {
    const pending = this.pendingRoutes.get(topic)
    if (pending !== undefined) return pending
    const p = this.getTopicRouteFromNameServer(topic)
      .then((route) => {
        if (route !== undefined) {
          this.routes.set(topic, {route, fetchedAt: this.now()})
          this.brokerAddrTable.updateFromRoute(route)
        }
        return route
      })
      .finally(() => this.pendingRoutes.delete(topic))
    this.pendingRoutes.set(topic, p)
    return p
  }

  /**
   * The cached route if younger than the poll interval, else a fresh one. When the name servers cannot
   * be reached, a route read earlier is still used (as RocketMQ's clients keep theirs); with none, the
   * NAMESRV_UNREACHABLE error is thrown.
   */
  async getTopicRoute(topic: string): Promise<TopicRouteData | undefined> {
    const cached = this.routes.get(topic)
    if (cached !== undefined && this.now() - cached.fetchedAt < this.pollIntervalMs) return cached.route
    try {
      return (await this.updateTopicRoute(topic)) ?? cached?.route
    } catch (err) {
      if (cached === undefined) throw err
      this.logger.warn(`keeping the route of ${topic} read ${this.now() - cached.fetchedAt} ms ago: ${String(err)}`)
      return cached.route
    }
  }

  /** The last route read for a topic, without asking anyone. */
  cachedTopicRoute(topic: string): TopicRouteData | undefined {
    return this.routes.get(topic)?.route
  }

  /** Whether the cached route of a topic is older than the poll interval (or missing). */
  isRouteStale(topic: string): boolean {
    const cached = this.routes.get(topic)
    return cached === undefined || this.now() - cached.fetchedAt >= this.pollIntervalMs
  }

  /** Closes connections (only the remoting client this instance created itself). */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    if (this.ownsRemoting) await this.remoting.close()
  }

  /** Throws CLIENT_CLOSED after close(). */
  assertOpen(): void {
    if (this.closed) throw new MQClientError('CLIENT_CLOSED', 'the client is closed')
  }
}
