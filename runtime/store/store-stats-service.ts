/**
 * Counters behind GET_BROKER_RUNTIME_INFO's store figures (RocketMQ StoreStatsService keys:
 * putMessageTimesTotal, putMessageSizeTotal, getMessageTimesTotalFound, …).
 */
import type {GetMessageResult, PutMessageResult} from './message-store.js'
import {PutLatencyStats} from './put-latency-stats.js'
import {RecentPutStatus} from './recent-put-status.js'

/** Put and get counters of one store. */
export class StoreStatsService {
  putTimes = 0
  putBytes = 0
  putFailed = 0
  getFound = 0
  getMiss = 0
  getTransferred = 0
  startedAt = 0
  /** Stored put outcomes of the last minute (the replication report's send results). */
  readonly recent = new RecentPutStatus()
  /** Put latencies: max, per-minute distribution, p99/p999 (putMessageEntireTimeMax, putMessageDistributeTime, putLatency99). */
  readonly latency = new PutLatencyStats()

  /** Counts one put or batch by its outcome (at time now, for the last-minute counts). */
  countPut(r: PutMessageResult, now?: number, elapsedMs?: number): void {
    if (now !== undefined) this.recent.count(r.status, now)
    if (now !== undefined && elapsedMs !== undefined) this.latency.add(elapsedMs, now)
    if (r.appendResult && r.status !== 'UNKNOWN_ERROR') {
      this.putTimes += r.appendResult.msgNum
      this.putBytes += r.appendResult.wroteBytes
    } else {
      this.putFailed++
    }
  }

  /** Counts one pull by its outcome. */
  countGet(r: GetMessageResult): void {
    if (r.status === 'FOUND') {
      this.getFound++
      this.getTransferred += r.messages.length
    } else {
      this.getMiss++
    }
  }

  /** The counters as RocketMQ names them, as strings. */
  toRuntimeInfo(now: number): Record<string, string> {
    return {
      putMessageTimesTotal: String(this.putTimes),
      putMessageSizeTotal: String(this.putBytes),
      putMessageFailedTimes: String(this.putFailed),
      getMessageTimesTotalFound: String(this.getFound),
      getMessageTimesTotalMiss: String(this.getMiss),
      getMessageTransferedMsgCount: String(this.getTransferred),
      storeUptimeMillis: String(this.startedAt ? now - this.startedAt : 0),
      putMessageAverageSize: String(this.putBytes / Math.max(1, this.putTimes)),
      ...this.latency.toRuntimeInfo(now),
    }
  }
}
