/**
 * A consumer group's broker-side settings (RocketMQ common/subscription/SubscriptionGroupConfig.java),
 * also the JSON under `subscriptionGroupTable` in config/subscriptionGroup.json.
 */
export interface SubscriptionGroupConfig {
  groupName: string
  consumeEnable: boolean
  consumeFromMinEnable: boolean
  consumeBroadcastEnable: boolean
  /** Queues of the group's %RETRY% topic; 0 disables retries. */
  retryQueueNums: number
  /** Reconsume times after which a message goes to %DLQ%group. */
  retryMaxTimes: number
  /** Broker id suggested to consumers normally (0 = master). */
  brokerId: number
  /** Broker id suggested when the consumer reads data likely out of memory (with slaveReadEnable). */
  whichBrokerWhenConsumeSlowly: number
  notifyConsumerIdsChangedEnable: boolean
}

/** SubscriptionGroupConfig's defaults. */
export function newSubscriptionGroupConfig(groupName: string, fields: Partial<Omit<SubscriptionGroupConfig, 'groupName'>> = {}): SubscriptionGroupConfig {
  return {
    brokerId: 0,
    consumeBroadcastEnable: true,
    consumeEnable: true,
    consumeFromMinEnable: true,
    groupName,
    notifyConsumerIdsChangedEnable: true,
    retryMaxTimes: 16,
    retryQueueNums: 1,
    whichBrokerWhenConsumeSlowly: 1,
    ...fields,
  }
}

/** Reads a SubscriptionGroupConfig from parsed JSON (values may be strings, as header fields are). */
export function subscriptionGroupConfigFromJson(name: string, value: unknown): SubscriptionGroupConfig {
  if (typeof value !== 'object' || value === null) throw new Error(`group ${name}: not an object`)
  const v = value as Record<string, unknown>
  const d = newSubscriptionGroupConfig(typeof v.groupName === 'string' && v.groupName !== '' ? v.groupName : name)
  const bool = (key: keyof SubscriptionGroupConfig, fallback: boolean): boolean => {
    const x = v[key]
    if (x === undefined || x === null) return fallback
    if (x === true || x === 'true') return true
    if (x === false || x === 'false') return false
    throw new Error(`group ${name}: ${key} is not a boolean`)
  }
  const int = (key: keyof SubscriptionGroupConfig, fallback: number): number => {
    const x = v[key]
    if (x === undefined || x === null) return fallback
    const n = typeof x === 'string' ? Number(x) : x
    if (typeof n !== 'number' || !Number.isInteger(n)) throw new Error(`group ${name}: ${key} is not an integer`)
    return n
  }
  return {
    brokerId: int('brokerId', d.brokerId),
    consumeBroadcastEnable: bool('consumeBroadcastEnable', d.consumeBroadcastEnable),
    consumeEnable: bool('consumeEnable', d.consumeEnable),
    consumeFromMinEnable: bool('consumeFromMinEnable', d.consumeFromMinEnable),
    groupName: d.groupName,
    notifyConsumerIdsChangedEnable: bool('notifyConsumerIdsChangedEnable', d.notifyConsumerIdsChangedEnable),
    retryMaxTimes: int('retryMaxTimes', d.retryMaxTimes),
    retryQueueNums: int('retryQueueNums', d.retryQueueNums),
    whichBrokerWhenConsumeSlowly: int('whichBrokerWhenConsumeSlowly', d.whichBrokerWhenConsumeSlowly),
  }
}
