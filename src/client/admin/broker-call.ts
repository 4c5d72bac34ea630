/**
 * Asking one broker group (a master and its slaves) a read-only admin question, as RocketMQ's admin
 * tools do with BrokerData.selectBrokerAddr: the master when it answers, else a slave. mqlab tries the
 * master first and then each slave in brokerId order, and says who answered, so a view taken with a
 * master down shows the slave's figures and names it.
 */
import type {BrokerData} from '../../../runtime/remoting/body/broker-data.js'
import type {RemotingCommand} from '../../../runtime/remoting/remoting-command.js'
import {RemotingError} from '../../../runtime/remoting/remoting-errors.js'
import {ResponseCode} from '../../../runtime/remoting/response-code.js'
import {MQBrokerError} from '../client-errors.js'
import type {MQClientInstance} from '../mq-client-instance.js'

/** Which broker of a group answered. */
export interface AnsweredBy {
  brokerName: string
  brokerId: number
  addr: string
}

/** A group's answer, or why no broker of it answered. */
export type GroupAnswer = ({ok: true; response: RemotingCommand} & AnsweredBy) | {ok: false; brokerName: string; error: string}

/** Broker ids of a group, master (0) first. */
export function brokerIdsOf(bd: BrokerData): number[] {
  return Object.keys(bd.brokerAddrs)
    .map(Number)
    .sort((a, b) => a - b)
}

/**
 * Sends `build()` to the group's brokers in turn until one answers. A broker that answers with a code
 * in `accept` (SUCCESS by default) ends the search; another code is remembered and the next broker is
 * tried (a slave may know what a failing master does not).
 */
export async function askBrokerGroup(
  client: MQClientInstance,
  bd: BrokerData,
  build: () => RemotingCommand,
  accept: readonly number[] = [ResponseCode.SUCCESS],
): Promise<GroupAnswer> {
  const errors: string[] = []
  for (const id of brokerIdsOf(bd)) {
    const addr = bd.brokerAddrs[String(id)]!
    try {
      const response = await client.remoting.invoke(addr, build(), client.requestTimeoutMs)
      if (accept.includes(response.code)) return {ok: true, response, brokerName: bd.brokerName, brokerId: id, addr}
      errors.push(`${roleOf(id)} ${new MQBrokerError(response.code, response.remark, addr).message}`)
    } catch (err) {
      if (!(err instanceof RemotingError)) throw err
      errors.push(`${roleOf(id)} ${addr}: ${err.message}`)
    }
  }
  return {ok: false, brokerName: bd.brokerName, error: errors.join('; ') || 'no broker address registered'}
}

/** "master" for brokerId 0, else "slave N". */
export function roleOf(brokerId: number): string {
  return brokerId === 0 ? 'master' : `slave ${brokerId}`
}
