/**
 * What a fault does to one direction of a link, and when each chunk of bytes may pass. Pure.
 *
 * The semantics are toxiproxy's latency / jitter / bandwidth, plus a stall that is a real partition:
 * bytes are held, never dropped, so a stalled link heals with every frame intact (toxiproxy's timeout
 * toxic drops bytes and has to close the connection when removed, which is "reset", not "partition").
 */

/** The fault on one direction of a link. */
export interface DirectionFault {
  /** Hold every byte (and every new connection) until healed. */
  stalled: boolean
  /** Added latency per chunk, ms. */
  delayMs: number
  /** Up to this much more (uniformly drawn per chunk), ms. */
  jitterMs: number
  /** Bandwidth cap in KiB/s (0: none). */
  bandwidthKiBps: number
}

export const NO_FAULT: Readonly<DirectionFault> = {stalled: false, delayMs: 0, jitterMs: 0, bandwidthKiBps: 0}

/** A link's two directions: `up` is dialler → listener, `down` the answers. */
export interface LinkFault {
  up: DirectionFault
  down: DirectionFault
}

export function noLinkFault(): LinkFault {
  return {up: {...NO_FAULT}, down: {...NO_FAULT}}
}

/** Whether a direction needs the scheduling path at all. */
export function shapes(f: DirectionFault): boolean {
  return f.stalled || f.delayMs > 0 || f.jitterMs > 0 || f.bandwidthKiBps > 0
}

/**
 * When a chunk that arrived at `arrival` may leave: after its latency, never before the chunk ahead of
 * it (a TCP stream keeps its order, so jitter delays but never reorders), and after the bandwidth cap
 * let the bytes ahead of it through. `random` is a draw in [0, 1).
 */
export function releaseTime(f: DirectionFault, arrival: number, bytes: number, previous: {release: number}, random: number): number {
  const latency = f.delayMs + (f.jitterMs > 0 ? random * f.jitterMs : 0)
  let release = Math.max(arrival + latency, previous.release)
  if (f.bandwidthKiBps > 0) release = Math.max(release, previous.release) + (bytes / (f.bandwidthKiBps * 1024)) * 1000
  return release
}
