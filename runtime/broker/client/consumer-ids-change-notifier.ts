import {createRequest} from '../../remoting/remoting-command.js'
import {RequestCode} from '../../remoting/request-code.js'
import type {ClientChannel} from './client-channel-info.js'
import type {ConsumerGroupEvent} from './consumer-manager.js'

/**
 * DefaultConsumerIdsChangeListener + Broker2Client.notifyConsumerIdsChanged: on a CHANGE of a group
 * (when the broker's notifyConsumerIdsChangedEnable is on), every remaining consumer of the group gets a
 * oneway NOTIFY_CONSUMER_IDS_CHANGED so it rebalances at once instead of at its next periodic rebalance.
 */
export function notifyConsumerIdsChanged(event: ConsumerGroupEvent, group: string, channels: ClientChannel[], enabled: boolean): void {
  if (event !== 'CHANGE' || !enabled) return
  for (const channel of channels) {
    if (channel.closed) continue
    channel.sendOneway(createRequest(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED, {consumerGroup: group}, undefined, {oneway: true}))
  }
}
