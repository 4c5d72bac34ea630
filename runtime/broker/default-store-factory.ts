import type {Logger} from '../common/logger.js'
import type {BrokerConfig} from '../config/broker-config.js'
import {DefaultMessageStore} from '../store/default-message-store.js'
import type {MessageStore} from '../store/message-store.js'

/**
 * The broker's default store: DefaultMessageStore over the broker's own configuration object, so a run-time
 * role change (config.brokerRole) reaches the store too.
 */
export function createDefaultStore(config: BrokerConfig, logger: Logger): MessageStore {
  return new DefaultMessageStore(config, {logger})
}
