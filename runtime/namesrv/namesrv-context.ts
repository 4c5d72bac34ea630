import type {Logger} from '../common/logger.js'
import type {NamesrvConfig} from '../config/namesrv-config.js'
import type {KVConfigManager} from './kv-config-manager.js'
import type {RouteInfoManager} from './route-info-manager.js'

/** What the name server's request processors share. */
export interface NamesrvContext {
  config: NamesrvConfig
  routeInfoManager: RouteInfoManager
  kvConfigManager: KVConfigManager
  logger: Logger
  clock: () => number
}
