/** What both ends of an HA connection share: the settings they read and the actions both can give. */

/** The settings both cores read (live: a run-time change applies at the next use). */
export interface HaLinkConfig {
  haSendHeartbeatInterval: number
  haHousekeepingInterval: number
  mappedFileSizeCommitLog: number
}

/** Write these bytes to the peer (a heartbeat header, an offset report). */
export type WriteAction = {type: 'write'; bytes: Buffer}

/** Close the connection; the core does nothing more. */
export type CloseAction = {type: 'close'; reason: string}
