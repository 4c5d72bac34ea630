/**
 * Requests to the name servers with failover (NettyRemotingClient's name-server channel choice): the
 * client sticks to the name server that answered last and, when it cannot be reached or does not
 * answer in time, tries the next one in the list. A server that answers — even with an error code —
 * has answered; only transport failures move on. When none answers the error names every address and
 * why it failed.
 */
import {silentLogger, type Logger} from '../../../runtime/common/logger.js'
import type {RemotingCommand} from '../../../runtime/remoting/remoting-command.js'
import {RemotingError} from '../../../runtime/remoting/remoting-errors.js'
import {MQClientError} from '../client-errors.js'
import type {RemotingInvoker} from '../remoting-invoker.js'

/** A name server's answer and who gave it. */
export interface NameServerAnswer {
  response: RemotingCommand
  addr: string
}

/** Sends requests to the first reachable name server of a list. */
export class NameServerClient {
  private current: number

  constructor(
    private readonly remoting: RemotingInvoker,
    readonly addrs: readonly string[],
    private readonly timeoutMs: number,
    private readonly logger: Logger = silentLogger,
    startIndex: number = Math.floor(Math.random() * addrs.length),
  ) {
    if (addrs.length === 0) throw new MQClientError('INVALID_ARGUMENT', 'no name server address given')
    this.current = startIndex % addrs.length
  }

  /**
   * Sends the request built by `build` (called once per attempt, so each gets a fresh opaque) to the
   * current name server, then the others. Rejects with NAMESRV_UNREACHABLE when none answers.
   */
  async request(build: () => RemotingCommand, timeoutMs: number = this.timeoutMs): Promise<NameServerAnswer> {
    const failures: string[] = []
    let lastError: unknown
    for (let i = 0; i < this.addrs.length; i++) {
      const index = (this.current + i) % this.addrs.length
      const addr = this.addrs[index]!
      try {
        const response = await this.remoting.invoke(addr, build(), timeoutMs)
        this.current = index
        return {response, addr}
      } catch (err) {
        if (!(err instanceof RemotingError)) throw err
        lastError = err
        failures.push(`${addr} (${err.message})`)
        this.logger.warn(`name server ${addr} failed: ${err.message}`)
      }
    }
    throw new MQClientError('NAMESRV_UNREACHABLE', `no name server answered: ${failures.join('; ')}`, {
      cause: lastError,
      suggestion: 'check that the lab is up (mqlab status) or that --namesrv names running name servers',
    })
  }
}
