/**
 * What happens while a master is paused (SIGSTOP: a hung process, a stalled VM) rather than dead, in
 * RocketMQ 4.9.8: its TCP connections stay open, so nobody notices quickly.
 *   - The name servers keep listing it: they drop a broker on a closed connection, or after 120 s
 *     without a registration (their scan runs every 10 s).
 *   - A synchronous send to it waits for the whole remaining sendMsgTimeout (3 s) and is then not
 *     retried, because the time budget is spent: the send fails (DefaultMQProducerImpl.sendDefaultImpl).
 *   - Pulls it holds, and new ones, time out; consumers retry every 3 s.
 *   - Its slave hears nothing; in 4.9.8 the slave never times out a silent master, it stays connected.
 */

/** The narrated effects of pausing `node`, the master of `group`. */
export function pausedMasterEffects(node: string, group: string): string[] {
  return [
    `${node} is paused, not dead: its connections stay open, so the name servers keep listing it as ${group}'s master until 120 s pass without its registration (then their 10 s scan drops it).`,
    `Sends to ${group} wait the producer's whole 3 s sendMsgTimeout and then fail without a retry on another group (the time budget is spent); sends to other groups carry on.`,
    `Pulls from ${node} time out and consumers retry every 3 s; nobody reads ${group} from its slave while the route still names ${node}.`,
    `${node} resumed carries on where it stopped; killed, it behaves as a crashed master.`,
  ]
}
