import type {Logger} from '../common/logger.js'
import {scheduleWithFixedDelay, type Timers} from '../common/timers.js'
import type {BrokerConfig} from '../config/broker-config.js'
import type {ConsumerManager} from './client/consumer-manager.js'
import type {ProducerManager} from './client/producer-manager.js'
import type {PullRequestHoldService} from './longpolling/pull-request-hold-service.js'
import type {ConsumerOffsetManager} from './offset/consumer-offset-manager.js'
import type {ScheduleMessageService} from './schedule/schedule-message-service.js'
import type {SlaveSynchronize} from './slave/slave-synchronize.js'
import type {BrokerStatsManager} from './stats/broker-stats-manager.js'

/** What the broker's background services act on. */
export interface BrokerScheduledTaskDeps {
  config: BrokerConfig
  timers: Timers
  logger: Logger
  pullRequestHoldService: PullRequestHoldService
  scheduleMessageService: ScheduleMessageService
  consumerOffsetManager: ConsumerOffsetManager
  consumerManager: ConsumerManager
  producerManager: ProducerManager
  stats: BrokerStatsManager
  slaveSynchronize: SlaveSynchronize | undefined
  registerBrokerAll: () => Promise<void>
}

/**
 * Starts the broker's periodic work with RocketMQ's cadences (BrokerController.start): long-poll checks,
 * delayed-message delivery on masters, offset and delay-offset persistence, client expiry scans, stats
 * sampling, name-server registration and, on a slave, metadata sync from the master. Returns the stops.
 */
export function startBrokerScheduledTasks(deps: BrokerScheduledTaskDeps): Array<() => void> {
  const {config, timers, logger} = deps
  const stops: Array<() => void> = []
  const onError = (what: string) => (error: unknown) => logger.error(`${what} failed`, error)
  deps.pullRequestHoldService.start()
  stops.push(() => deps.pullRequestHoldService.shutdown())
  if (config.brokerRole !== 'SLAVE') deps.scheduleMessageService.start()
  const every = (ms: number, initial: number, what: string, task: () => void | Promise<void>) =>
    stops.push(scheduleWithFixedDelay(timers, task, initial, ms, onError(what)))
  every(config.flushConsumerOffsetInterval, config.flushConsumerOffsetInterval, 'persisting consumer offsets', () =>
    deps.consumerOffsetManager.persistIfChanged(),
  )
  every(10_000, 10_000, 'persisting delay offsets', () => deps.scheduleMessageService.persistIfChanged())
  every(10_000, 10_000, 'scanning clients', () => {
    deps.consumerManager.scanNotActiveChannel()
    deps.producerManager.scanNotActiveChannel()
  })
  every(1000, 1000, 'sampling stats', () => deps.stats.sample())
  // RocketMQ clamps the period to [10 s, 60 s] and starts after 10 s (BrokerController.start).
  const period = Math.max(10_000, Math.min(config.registerNameServerPeriod, 60_000))
  every(period, 10_000, 'registering with the name servers', () => deps.registerBrokerAll())
  const slaveSynchronize = deps.slaveSynchronize
  if (slaveSynchronize) {
    every(10_000, 3000, 'syncing from the master', async () => {
      if (config.brokerRole === 'SLAVE') await slaveSynchronize.syncAll()
    })
  }
  return stops
}
