/**
 * brokerName → {brokerId → address}, merged from every route the client has seen
 * (MQClientInstance.brokerAddrTable), and the three lookups RocketMQ's client makes on it. Pure.
 *
 * - publish: the master only (producers and GET_MAX_OFFSET write/read the master);
 * - subscribe: the suggested brokerId; if that slave id is gone, id + 1; then, unless onlyThisBroker,
 *   the lowest id present (so a consumer reads from the slave once the route shows only `{1: …}`);
 * - admin: the lowest id present (master first, any slave otherwise) — where offsets are committed
 *   and queried when the master is gone (docs/rocketmq-facts.md §5).
 */
import {MASTER_ID, sortedBrokerIds, type TopicRouteView} from './topic-route-view.js'

/** A found broker address and which brokerId it belongs to. */
export interface FoundBroker {
  brokerName: string
  brokerId: number
  addr: string
  slave: boolean
}

/** brokerName → brokerId → "ip:port". */
export class BrokerAddrTable {
  private readonly table = new Map<string, Map<number, string>>()

  /** Replaces the entries of every broker group named in `route` (the newest route wins). */
  updateFromRoute(route: TopicRouteView): void {
    for (const bd of route.brokerDatas) {
      const ids = new Map<number, string>()
      for (const id of sortedBrokerIds(bd.brokerAddrs)) ids.set(id, bd.brokerAddrs[String(id)]!)
      this.table.set(bd.brokerName, ids)
    }
  }

  /** Forgets a broker group, e.g. when no route names it any more. */
  remove(brokerName: string): void {
    this.table.delete(brokerName)
  }

  /** All brokerNames known. */
  brokerNames(): string[] {
    return [...this.table.keys()]
  }

  /** Every known address with its group and id (masters and slaves). */
  allBrokers(): FoundBroker[] {
    const out: FoundBroker[] = []
    for (const [brokerName, ids] of this.table) {
      for (const [brokerId, addr] of ids) out.push({brokerName, brokerId, addr, slave: brokerId !== MASTER_ID})
    }
    return out
  }

  /** The master's address of a group, if the route lists one. */
  findBrokerAddressInPublish(brokerName: string): string | undefined {
    return this.table.get(brokerName)?.get(MASTER_ID)
  }

  /** The address to pull from, following RocketMQ's findBrokerAddressInSubscribe. */
  findBrokerAddressInSubscribe(brokerName: string, brokerId: number, onlyThisBroker: boolean): FoundBroker | undefined {
    const ids = this.table.get(brokerName)
    if (ids === undefined || ids.size === 0) return undefined
    const exact = ids.get(brokerId)
    if (exact !== undefined) return {brokerName, brokerId, addr: exact, slave: brokerId !== MASTER_ID}
    if (brokerId !== MASTER_ID) {
      const next = ids.get(brokerId + 1)
      if (next !== undefined) return {brokerName, brokerId: brokerId + 1, addr: next, slave: true}
    }
    if (onlyThisBroker) return undefined
    return this.lowest(brokerName, ids)
  }

  /** The master if present, else the lowest-id slave (findBrokerAddressInAdmin). */
  findBrokerAddressInAdmin(brokerName: string): FoundBroker | undefined {
    const ids = this.table.get(brokerName)
    if (ids === undefined || ids.size === 0) return undefined
    return this.lowest(brokerName, ids)
  }

  private lowest(brokerName: string, ids: Map<number, string>): FoundBroker {
    let best = Number.POSITIVE_INFINITY
    for (const id of ids.keys()) if (id < best) best = id
    return {brokerName, brokerId: best, addr: ids.get(best)!, slave: best !== MASTER_ID}
  }
}
