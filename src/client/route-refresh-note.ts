/**
 * For --help and README: how quickly mqlab's client notices a dead broker. A module of its own so
 * command files can show it without loading the client library (oclif loads every command module on
 * each run).
 */
export const ROUTE_REFRESH_NOTE =
  "Like RocketMQ's Java client, mqlab's client re-reads a topic's route every 30 s and retries a failed pull after 3 s, " +
  'so a client that was running when a broker died notices it at its next route poll (up to 30 s later); a client started afterwards reads the current route at once. ' +
  '--fast-failover (send, consume, bench; mqlab only) re-reads the route as soon as a connection fails instead.'
