/**
 * The pull loop of one owned queue (DefaultMQPushConsumerImpl.pullMessage + PullCallback): pull from
 * the broker the last answer suggested (findBrokerAddressInSubscribe: master 0, or a slave; the lowest
 * id left when the suggested one is gone), let the broker hold the pull up to 15 s (less near the
 * deadline), deliver what passes the tag re-check, and move on:
 *
 *   FOUND           deliver in order; the consumed offset follows each delivered message, and becomes
 *                   nextBeginOffset once the whole batch is through (filtered-out messages included)
 *   NO_NEW_MSG /
 *   NO_MATCHED_MSG  continue from nextBeginOffset (correctTagsOffset: nothing is in flight here)
 *   OFFSET_ILLEGAL  continue from nextBeginOffset and commit it at once, as Java persists it
 *
 * On a failure the loop waits pullRetryDelayMs (Java's 3 s by default) and tries the same broker again:
 * a dead master stays in the route until the consumer's 30 s route poll (consume-session.ts) drops it,
 * as with RocketMQ's clients. With the opt-in fast failover the route is re-read at once after a
 * connection failure and the wait is 1 s. Unlike Java the loop also waits 100 ms after a "retry
 * immediately" that did not move the offset, so it never spins.
 */
import type {SubscriptionData} from '../../../runtime/remoting/body/subscription-data.js'
import {isConnectionFailure} from '../producer/send-retry-policy.js'
import type {ConsumeSession} from './consume-session.js'
import type {ProcessQueue} from './process-queue.js'
import {buildPullMessageRequest, processPullResponse, suspendTimeFor, type PullResult} from './pull-message-request.js'
import {subscriptionMatches} from './tag-filter.js'

/** Wait before pulling again after an immediate answer that moved nothing, ms. */
const NO_PROGRESS_DELAY_MS = 100

/** Extra time the RPC waits beyond the broker's hold (Java: 30 s RPC timeout for a 15 s hold). */
const PULL_RPC_EXTRA_MS = 15_000

/** Pulls `pq` until the run ends or the queue is dropped. Never rejects. */
export async function runPullLoop(session: ConsumeSession, pq: ProcessQueue, sub: SubscriptionData): Promise<void> {
  const {client} = session
  const {group, pullBatchSize, pullRetryDelayMs} = session.settings
  const table = client.brokerAddrTable
  while (!session.stopped && !pq.dropped) {
    let broker = table.findBrokerAddressInSubscribe(pq.mq.brokerName, pq.pullFromBrokerId, false)
    if (broker === undefined) {
      await client.updateTopicRoute(pq.mq.topic).catch(() => undefined)
      broker = table.findBrokerAddressInSubscribe(pq.mq.brokerName, pq.pullFromBrokerId, false)
    }
    if (broker === undefined) {
      session.problem(`no broker of ${pq.mq.brokerName} is in the route of ${pq.mq.topic}`)
      await session.pause(pullRetryDelayMs)
      continue
    }
    // exit-at-end wants "nothing more" at once, not a pull held open for new messages.
    const suspendMs = session.settings.exitAtEnd ? 0 : suspendTimeFor(session.remainingMs())
    const request = buildPullMessageRequest(group, pq.mq, pq.nextOffset, sub, {maxMsgNums: pullBatchSize, suspendMs})
    let result: PullResult
    try {
      const response = await client.remoting.invoke(broker.addr, request, suspendMs > 0 ? suspendMs + PULL_RPC_EXTRA_MS : client.requestTimeoutMs)
      result = processPullResponse(response, broker.addr)
    } catch (err) {
      if (session.stopped || pq.dropped) return
      session.problem(`pull from ${broker.brokerName}/${broker.brokerId} (${broker.addr}) failed: ${err instanceof Error ? err.message : String(err)}`)
      if (isConnectionFailure(err) && client.timing.refreshRouteOnConnectionFailure) await client.updateTopicRoute(pq.mq.topic).catch(() => undefined)
      await session.pause(pullRetryDelayMs)
      continue
    }
    // An answer that arrives after the run ended is dropped: its messages were not delivered, so the
    // committed offset does not cover them and the next run gets them.
    if (session.stopped || pq.dropped) return
    pq.pullFromBrokerId = result.suggestWhichBrokerId
    pq.lastServedByBrokerId = broker.brokerId
    switch (result.status) {
      case 'FOUND': {
        let all = true
        for (const msg of result.messages) {
          if (!subscriptionMatches(sub, msg.properties.TAGS)) continue
          if (!session.deliver(pq, msg, broker)) {
            all = false
            break
          }
          pq.consumedOffset = msg.queueOffset + 1
        }
        if (!all) return
        pq.consumedOffset = result.nextBeginOffset
        pq.nextOffset = result.nextBeginOffset
        if (result.nextBeginOffset >= result.maxOffset) {
          pq.atEnd = true
          session.checkEnd()
        }
        break
      }
      case 'NO_NEW_MSG':
      case 'NO_MATCHED_MSG': {
        const progressed = result.nextBeginOffset !== pq.nextOffset
        pq.nextOffset = result.nextBeginOffset
        pq.consumedOffset = result.nextBeginOffset
        if (result.status === 'NO_NEW_MSG' || result.nextBeginOffset >= result.maxOffset) {
          pq.atEnd = true
          session.checkEnd()
        }
        // Not held by the broker (too near the deadline), or "retry at once" without moving (a slave
        // missing the queue): wait instead of spinning, which Java would do.
        if (result.status === 'NO_NEW_MSG' && suspendMs === 0) await session.pause(Math.max(0, session.remainingMs()))
        else if (!progressed && result.status === 'NO_MATCHED_MSG') await session.pause(NO_PROGRESS_DELAY_MS)
        break
      }
      case 'OFFSET_ILLEGAL':
        session.problem(`offset ${pq.nextOffset} of ${pq.mq.brokerName}/${pq.mq.queueId} is illegal; moved to ${result.nextBeginOffset}`)
        pq.nextOffset = result.nextBeginOffset
        pq.consumedOffset = result.nextBeginOffset
        void session.commit(pq)
        break
    }
  }
}
