/**
 * Errors of mqlab's RocketMQ client. Each carries a stable `code` (the CLI maps codes to exit codes and
 * tests assert them) and, where the user can act, a `suggestion`. Transport failures stay the
 * remoting layer's errors (RemotingConnectError, RemotingTimeoutError…); a broker or name server that
 * answered with an error code becomes MQBrokerError, as in RocketMQ's client.
 */
import {responseCodeName} from '../../runtime/remoting/response-code.js'

/** Stable codes of client errors. */
export type MQClientErrorCode =
  | 'NAMESRV_UNREACHABLE'
  | 'TOPIC_NOT_EXIST'
  | 'BROKER_NOT_FOUND'
  | 'BROKER_ERROR'
  | 'SEND_FAILED'
  | 'INVALID_ARGUMENT'
  | 'MESSAGE_ILLEGAL'
  | 'NO_WRITABLE_QUEUE'
  | 'CLIENT_CLOSED'

/** A client-side failure with a stable code. */
export class MQClientError extends Error {
  constructor(
    readonly code: MQClientErrorCode,
    message: string,
    options: {cause?: unknown; suggestion?: string} = {},
  ) {
    super(message, {cause: options.cause})
    this.name = new.target.name
    this.suggestion = options.suggestion
  }

  /** What the user can do about it, when there is something. */
  readonly suggestion: string | undefined
}

/** A broker or name server answered with a non-success response code (RocketMQ's MQBrokerException). */
export class MQBrokerError extends MQClientError {
  constructor(
    /** The response code, e.g. 17 TOPIC_NOT_EXIST. */
    readonly responseCode: number,
    /** The remark the server sent, if any. */
    readonly remark: string | undefined,
    /** The address that answered. */
    readonly addr: string,
    options: {suggestion?: string} = {},
  ) {
    super('BROKER_ERROR', `${addr} answered ${responseCodeName(responseCode)} (${responseCode})${remark ? `: ${remark}` : ''}`, options)
  }
}

/** The name of an error for per-message reports: the response code name, the remoting code, or the class. */
export function errorStatus(err: unknown): string {
  if (err instanceof MQBrokerError) return responseCodeName(err.responseCode)
  if (err instanceof MQClientError) return err.code
  const code = (err as {code?: unknown} | undefined)?.code
  if (typeof code === 'string') return code
  return err instanceof Error ? err.name : 'ERROR'
}
