import {MessageConst} from '../../message/message-const.js'
import {encodeMessageProperties} from '../../message/message-properties.js'
import type {MessageExtBrokerInner} from '../../message/message-ext-broker-inner.js'
import {tagsString2tagsCode} from '../../message/tags-code.js'
import {RMQ_SYS_SCHEDULE_TOPIC} from '../topic/topic-validator.js'

/** Queue of SCHEDULE_TOPIC_XXXX that holds a delay level (ScheduleMessageService.delayLevel2QueueId). */
export function delayLevel2QueueId(level: number): number {
  return level - 1
}

/**
 * What CommitLog.asyncPutMessage does to a message with DELAY > 0 (non-transactional): it is stored in
 * SCHEDULE_TOPIC_XXXX, queue level−1 (level capped at the highest configured), with the real topic and
 * queue kept in REAL_TOPIC / REAL_QID, until the schedule service re-delivers it. mqlab does this in the
 * broker, before handing the message to the store. Returns the message unchanged when it has no delay.
 */
export function toScheduledMessage(msg: MessageExtBrokerInner, properties: Record<string, string>, maxDelayLevel: number): MessageExtBrokerInner {
  const level = Number.parseInt(properties[MessageConst.DELAY] ?? '0', 10)
  if (!(level > 0)) return msg
  const capped = Math.min(level, maxDelayLevel)
  const props = {
    ...properties,
    [MessageConst.DELAY]: String(capped),
    [MessageConst.REAL_TOPIC]: msg.topic,
    [MessageConst.REAL_QID]: String(msg.queueId),
  }
  return {...msg, topic: RMQ_SYS_SCHEDULE_TOPIC, queueId: delayLevel2QueueId(capped), propertiesString: encodeMessageProperties(props)}
}

/**
 * The message to re-deliver once its delay is over (ScheduleMessageService.messageTimeup): back to
 * REAL_TOPIC / REAL_QID, DELAY cleared (so it is not scheduled again), everything else as stored.
 * Returns undefined when the stored message lacks REAL_TOPIC or REAL_QID.
 */
export function toDeliveredMessage(
  stored: Omit<MessageExtBrokerInner, 'propertiesString' | 'tagsCode' | 'topic' | 'queueId'>,
  properties: Record<string, string>,
): MessageExtBrokerInner | undefined {
  const topic = properties[MessageConst.REAL_TOPIC]
  const queueId = Number.parseInt(properties[MessageConst.REAL_QID] ?? '', 10)
  if (!topic || !Number.isInteger(queueId)) return undefined
  const props = {...properties}
  delete props[MessageConst.DELAY]
  return {
    ...stored,
    topic,
    queueId,
    propertiesString: encodeMessageProperties(props),
    tagsCode: tagsString2tagsCode(props[MessageConst.TAGS]),
  }
}
