/** Errors the store throws: only for conditions an operator must fix, never for a message's outcome. */

/** Another process (or another store in this process) holds the store's lock file. */
export class LockFailedError extends Error {
  constructor(
    readonly lockPath: string,
    readonly holderPid: number | undefined,
    /** What is known about the holder and what to do (lock-holder.ts). */
    readonly hint?: string,
  ) {
    // RocketMQ DefaultMessageStore.start: "Lock failed,MQ already started"
    super(`Lock failed, MQ already started: ${lockPath}${holderPid === undefined ? '' : ` (held by pid ${holderPid})`}${hint ? `; ${hint}` : ''}`)
    this.name = 'LockFailedError'
  }
}

/** The store's files are not what they must be (a segment of the wrong size, an unreadable directory). */
export class StoreLoadError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'StoreLoadError'
  }
}
