/**
 * Errors of the remoting layer. "The peer answered with an error code" is not an error here: that is a
 * response like any other. These are transport failures: a port that cannot be bound, a peer that
 * cannot be reached, no answer in time, a connection that closed, a corrupt byte stream.
 */
import {requestCodeName} from './request-code.js'

/** Base class, with a stable `code` that callers (the CLI's exit-code table, tests) can switch on. */
export class RemotingError extends Error {
  constructor(
    /** Stable machine-readable code, e.g. "PORT_IN_USE". */
    readonly code: string,
    message: string,
    options?: {cause?: unknown},
  ) {
    super(message, options)
    this.name = new.target.name
  }
}

/** The listen port is taken by another process (EADDRINUSE). */
export class PortInUseError extends RemotingError {
  constructor(
    readonly host: string,
    readonly port: number,
    /** What the port was for, e.g. "broker-a listenPort". */
    readonly purpose: string,
    options?: {cause?: unknown},
  ) {
    super('PORT_IN_USE', `port ${port} (${purpose}) is already in use on ${host}`, options)
  }
}

/** Binding failed for another reason (address not available, permission denied…). */
export class ListenError extends RemotingError {
  constructor(
    readonly host: string,
    readonly port: number,
    readonly purpose: string,
    reason: string,
    options?: {cause?: unknown},
  ) {
    super('LISTEN_FAILED', `cannot listen on ${host}:${port} (${purpose}): ${reason}`, options)
  }
}

/** The client could not open a connection to `addr` (refused, unreachable, connect timeout, bad address). */
export class RemotingConnectError extends RemotingError {
  constructor(
    readonly addr: string,
    reason: string,
    options?: {cause?: unknown},
  ) {
    super('CONNECT_FAILED', `cannot connect to ${addr}: ${reason}`, options)
  }
}

/** No response arrived within the timeout. The connection stays open, as in Java's invokeSync. */
export class RemotingTimeoutError extends RemotingError {
  constructor(
    readonly addr: string,
    readonly timeoutMs: number,
    /** The request code that timed out. */
    readonly requestCode: number,
  ) {
    // Named, not numbered ("request 28"): the reader sees which request a stalled (paused?) peer left unanswered.
    super(
      'TIMEOUT',
      `${requestCodeName(requestCode)} (request code ${requestCode}) to ${addr} timed out after ${timeoutMs} ms (no answer: the process may be paused, overloaded, or not a RocketMQ node)`,
    )
  }
}

/** The connection closed (or was closed) before the response arrived, or the client is closed. */
export class RemotingClosedError extends RemotingError {
  constructor(
    readonly addr: string,
    reason = 'connection closed',
  ) {
    super('CLOSED', `${addr}: ${reason}`)
  }
}

/**
 * The byte stream is corrupt: a bad length, a frame over the limit, an undecodable header. Fatal for
 * the connection it arrived on (which is closed), never for the process.
 */
export class FrameError extends RemotingError {
  constructor(message: string) {
    super('BAD_FRAME', message)
  }
}
