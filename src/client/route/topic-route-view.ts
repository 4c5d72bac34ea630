/**
 * The parts of a name server's TopicRouteData (GET_ROUTEINFO_BY_TOPIC body, docs/rocketmq-facts.md §2.3) that
 * the client's route logic reads. Structural, so the decoded body from runtime/remoting/body can be
 * passed as it is; brokerAddrs keys are the brokerIds as decimal strings ("0" = master).
 */

/** Queue counts and permission of one broker group for a topic (QueueData). */
export interface QueueDataView {
  brokerName: string
  readQueueNums: number
  writeQueueNums: number
  perm: number
}

/** One broker group: its cluster, name and brokerId → "ip:port" (BrokerData). */
export interface BrokerDataView {
  cluster?: string
  brokerName: string
  brokerAddrs: Readonly<Record<string, string>>
}

/** A topic's route as the client uses it. */
export interface TopicRouteView {
  /** "brokerName:queueNum;…" when the name server keeps an order-topic config; usually absent. */
  orderTopicConf?: string
  queueDatas: readonly QueueDataView[]
  brokerDatas: readonly BrokerDataView[]
}

/** RocketMQ's master brokerId (MixAll.MASTER_ID). */
export const MASTER_ID = 0

/** PermName bits (common/constant/PermName.java): READ 4, WRITE 2, INHERIT 1. */
export const PermName = {PERM_READ: 4, PERM_WRITE: 2, PERM_INHERIT: 1} as const

/** Whether the perm allows producing. */
export function isWriteable(perm: number): boolean {
  return (perm & PermName.PERM_WRITE) === PermName.PERM_WRITE
}

/** Whether the perm allows consuming. */
export function isReadable(perm: number): boolean {
  return (perm & PermName.PERM_READ) === PermName.PERM_READ
}

/** Broker ids of a BrokerData in ascending order (the order Java's HashMap<Long,…> iterates small ids). */
export function sortedBrokerIds(addrs: Readonly<Record<string, string>>): number[] {
  return Object.keys(addrs)
    .map(Number)
    .filter((id) => Number.isInteger(id))
    .sort((a, b) => a - b)
}
