import type {Logger} from '../../common/logger.js'
import {newDataVersion, nextDataVersion, type DataVersion} from '../../remoting/body/data-version.js'
import {newSubscriptionGroupConfig, type SubscriptionGroupConfig} from '../../remoting/body/subscription-group-config.js'
import {decodeSubscriptionGroupWrapper, encodeSubscriptionGroupWrapper, type SubscriptionGroupWrapper} from '../../remoting/body/subscription-group-wrapper.js'
import {ConfigManager, type ConfigFileStore} from '../config/config-manager.js'

/** Groups RocketMQ's SubscriptionGroupManager creates at start (MixAll's tool and system groups). */
const SYSTEM_GROUPS: Array<[string, Partial<SubscriptionGroupConfig>]> = [
  ['TOOLS_CONSUMER', {}],
  ['FILTERSRV_CONSUMER', {}],
  ['SELF_TEST_C_GROUP', {}],
  ['CID_ONS-HTTP-PROXY', {consumeBroadcastEnable: true}],
  ['CID_ONSAPI_PULL', {consumeBroadcastEnable: true}],
  ['CID_ONSAPI_PERMISSION', {consumeBroadcastEnable: true}],
  ['CID_ONSAPI_OWNER', {consumeBroadcastEnable: true}],
  ['CID_SYS_RMQ_TRANS', {consumeBroadcastEnable: true}],
]

/** Prefix of system consumer groups, created even with autoCreateSubscriptionGroup off (MixAll.CID_RMQ_SYS_PREFIX). */
const SYS_CONSUMER_GROUP_PREFIX = 'CID_RMQ_SYS_'

/**
 * Consumer groups known to the broker (RocketMQ broker/subscription/SubscriptionGroupManager.java),
 * with auto-creation on first use when autoCreateSubscriptionGroup is on, and subscriptionGroup.json
 * persistence.
 */
export class SubscriptionGroupManager extends ConfigManager {
  private readonly table = new Map<string, SubscriptionGroupConfig>()
  private version: DataVersion

  constructor(
    private readonly config: {autoCreateSubscriptionGroup: boolean},
    files: ConfigFileStore,
    private readonly clock: () => number = Date.now,
    logger?: Logger,
  ) {
    super(files, 'subscriptionGroup.json', logger)
    this.version = newDataVersion(clock())
    for (const [name, fields] of SYSTEM_GROUPS) this.table.set(name, newSubscriptionGroupConfig(name, fields))
  }

  get dataVersion(): DataVersion {
    return {...this.version}
  }

  /**
   * The group's config; a missing group is created with defaults when autoCreateSubscriptionGroup is on
   * (or for a system group), else undefined.
   */
  findSubscriptionGroupConfig(group: string): SubscriptionGroupConfig | undefined {
    const found = this.table.get(group)
    if (found) return found
    if (!this.config.autoCreateSubscriptionGroup && !group.startsWith(SYS_CONSUMER_GROUP_PREFIX)) return undefined
    const created = newSubscriptionGroupConfig(group)
    this.table.set(group, created)
    this.logger.info(`auto create a subscription group ${group}`)
    this.changed()
    return created
  }

  /** The group's config without creating it. */
  getSubscriptionGroupConfig(group: string): SubscriptionGroupConfig | undefined {
    return this.table.get(group)
  }

  /** Creates or replaces a group (UPDATE_AND_CREATE_SUBSCRIPTIONGROUP). */
  updateSubscriptionGroupConfig(config: SubscriptionGroupConfig): void {
    this.table.set(config.groupName, {...config})
    this.changed()
  }

  /** Removes a group; returns whether it existed. */
  deleteSubscriptionGroupConfig(group: string): boolean {
    if (!this.table.delete(group)) return false
    this.changed()
    return true
  }

  /** All groups (copies). */
  groups(): SubscriptionGroupConfig[] {
    return [...this.table.values()].map((g) => ({...g}))
  }

  /** A slave takes its master's groups wholesale when the data version differs. Returns whether it did. */
  replaceAll(w: SubscriptionGroupWrapper): boolean {
    if (w.dataVersion.counter === this.version.counter && w.dataVersion.timestamp === this.version.timestamp) return false
    this.table.clear()
    for (const g of Object.values(w.subscriptionGroupTable)) this.table.set(g.groupName, {...g})
    this.version = {...w.dataVersion}
    this.persistInBackground()
    return true
  }

  /** The wrapper object for subscriptionGroup.json and GET_ALL_SUBSCRIPTIONGROUP_CONFIG. */
  buildSerializeWrapper(): SubscriptionGroupWrapper {
    const subscriptionGroupTable: Record<string, SubscriptionGroupConfig> = {}
    for (const g of this.table.values()) subscriptionGroupTable[g.groupName] = {...g}
    return {dataVersion: {...this.version}, subscriptionGroupTable}
  }

  override encode(): string {
    return encodeSubscriptionGroupWrapper(this.buildSerializeWrapper(), true)
  }

  protected override decode(text: string): void {
    const w = decodeSubscriptionGroupWrapper(text, this.clock())
    for (const g of Object.values(w.subscriptionGroupTable)) this.table.set(g.groupName, g)
    this.version = w.dataVersion
  }

  private changed(): void {
    this.version = nextDataVersion(this.version, this.clock())
    this.persistInBackground()
  }
}
