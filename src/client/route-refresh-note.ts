/**
 * For --help and README: the one place mqlab's client deliberately differs from RocketMQ's. A module of
 * its own so command files can show it without loading the client library (oclif loads every command
 * module on each run).
 */
export const ROUTE_REFRESH_NOTE =
  "mqlab's client re-reads a topic's route from the name servers as soon as a connection to a broker fails, " +
  "so it notices a dead broker at once; RocketMQ's clients wait for their 30 s route poll."
