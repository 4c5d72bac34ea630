/**
 * A slave's lag in messages: for every queue of every topic its master holds, the master's max queue
 * offset minus the slave's (GET_ALL_TOPIC_CONFIG to the master, then GET_MAX_OFFSET per queue to both),
 * summed. The commitlog lag is in bytes; this is what consumers reading the slave would miss. Asked only
 * for slaves that lag, and only for labs of modest size; otherwise "not computable" (null).
 */
import {decodeTopicConfigSerializeWrapper} from '../../../runtime/remoting/body/topic-config-serialize-wrapper.js'
import {encodeGetMaxOffsetRequestHeader} from '../../../runtime/remoting/header/get-max-offset-request-header.js'
import {decodeGetMaxOffsetResponseHeader} from '../../../runtime/remoting/header/get-max-offset-response-header.js'
import {createRequest} from '../../../runtime/remoting/remoting-command.js'
import {RequestCode} from '../../../runtime/remoting/request-code.js'
import {ResponseCode} from '../../../runtime/remoting/response-code.js'
import type {RemotingInvoker} from '../remoting-invoker.js'

/** Beyond this many queues the count is not attempted (two requests per queue per slave). */
export const MESSAGE_LAG_MAX_QUEUES = 512

/** The queues (topic, queueId) the master at `addr` holds; undefined when it cannot say or holds too many. */
export async function masterQueues(remoting: RemotingInvoker, addr: string, timeoutMs: number): Promise<Array<{topic: string; queueId: number}> | undefined> {
  try {
    const response = await remoting.invoke(addr, createRequest(RequestCode.GET_ALL_TOPIC_CONFIG), timeoutMs)
    if (response.code !== ResponseCode.SUCCESS || response.body === undefined) return undefined
    const table = decodeTopicConfigSerializeWrapper(response.body.toString('utf8')).topicConfigTable
    const queues = Object.values(table).flatMap((tc) =>
      Array.from({length: Math.max(tc.readQueueNums, tc.writeQueueNums)}, (_, queueId) => ({topic: tc.topicName, queueId})),
    )
    return queues.length > MESSAGE_LAG_MAX_QUEUES ? undefined : queues
  } catch {
    return undefined
  }
}

/** The max offset of every queue on `addr`, in the order given; undefined when any answer fails. */
export async function maxOffsets(
  remoting: RemotingInvoker,
  addr: string,
  queues: ReadonlyArray<{topic: string; queueId: number}>,
  timeoutMs: number,
): Promise<number[] | undefined> {
  try {
    return await Promise.all(
      queues.map(async (q) => {
        const response = await remoting.invoke(addr, createRequest(RequestCode.GET_MAX_OFFSET, encodeGetMaxOffsetRequestHeader(q)), timeoutMs)
        if (response.code !== ResponseCode.SUCCESS) throw new Error(`GET_MAX_OFFSET answered ${response.code}`)
        return decodeGetMaxOffsetResponseHeader(response.extFields ?? {}).offset
      }),
    )
  } catch {
    return undefined
  }
}

/** Messages on the master not yet on the slave: Σ max(0, master − slave) over the queues (pure). */
export function messageLag(master: readonly number[], slave: readonly number[]): number {
  let lag = 0
  for (let i = 0; i < master.length; i++) lag += Math.max(0, master[i]! - (slave[i] ?? 0))
  return lag
}
