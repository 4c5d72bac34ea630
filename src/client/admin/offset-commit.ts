/**
 * mqadmin's reset fallback when no client of the group is online (ResetOffsetByTimeOldCommand): for
 * each queue of the topic on one master, find the offset for the time (SEARCH_OFFSET_BY_TIMESTAMP, or
 * GET_MAX_OFFSET for "last") and commit it for the group (UPDATE_CONSUMER_OFFSET).
 */
import type {TopicRouteData} from '../../../runtime/remoting/body/topic-route-data.js'
import {encodeGetMaxOffsetRequestHeader} from '../../../runtime/remoting/header/get-max-offset-request-header.js'
import {decodeGetMaxOffsetResponseHeader} from '../../../runtime/remoting/header/get-max-offset-response-header.js'
import {encodeSearchOffsetRequestHeader} from '../../../runtime/remoting/header/search-offset-request-header.js'
import {decodeSearchOffsetResponseHeader} from '../../../runtime/remoting/header/search-offset-response-header.js'
import {encodeUpdateConsumerOffsetRequestHeader} from '../../../runtime/remoting/header/update-consumer-offset-request-header.js'
import {createRequest, type RemotingCommand} from '../../../runtime/remoting/remoting-command.js'
import {RequestCode} from '../../../runtime/remoting/request-code.js'
import {ResponseCode} from '../../../runtime/remoting/response-code.js'
import {MQBrokerError} from '../client-errors.js'
import type {MQAdmin} from './mq-admin.js'

/** Commits the offsets for `timestamp` (-1: the max offsets) of every queue of one broker; returns them. */
export async function commitOffsetsDirectly(
  admin: MQAdmin,
  addr: string,
  brokerName: string,
  group: string,
  topic: string,
  route: TopicRouteData,
  timestamp: number,
) {
  const call = async (req: RemotingCommand): Promise<RemotingCommand> => {
    const r = await admin.client.remoting.invoke(addr, req, admin.client.requestTimeoutMs)
    if (r.code !== ResponseCode.SUCCESS) throw new MQBrokerError(r.code, r.remark, addr)
    return r
  }
  const qd = route.queueDatas.find((q) => q.brokerName === brokerName)
  const out: Array<{topic: string; brokerName: string; queueId: number; offset: number}> = []
  for (let queueId = 0; queueId < (qd?.readQueueNums ?? 0); queueId++) {
    const offset =
      timestamp === -1
        ? decodeGetMaxOffsetResponseHeader((await call(createRequest(RequestCode.GET_MAX_OFFSET, encodeGetMaxOffsetRequestHeader({topic, queueId})))).extFields)
            .offset
        : decodeSearchOffsetResponseHeader(
            (await call(createRequest(RequestCode.SEARCH_OFFSET_BY_TIMESTAMP, encodeSearchOffsetRequestHeader({topic, queueId, timestamp})))).extFields,
          ).offset
    await call(
      createRequest(RequestCode.UPDATE_CONSUMER_OFFSET, encodeUpdateConsumerOffsetRequestHeader({consumerGroup: group, topic, queueId, commitOffset: offset})),
    )
    out.push({topic, brokerName, queueId, offset})
  }
  return out
}
