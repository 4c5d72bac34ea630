/** Whether two bind addresses can collide: the same address, or one binds every interface. */

const WILDCARDS = new Set(['0.0.0.0', '::', '*', ''])

/** Canonical form of a host for comparison (`localhost` is 127.0.0.1). */
export function normalizeHost(host: string): string {
  const h = host.trim().toLowerCase()
  return h === 'localhost' ? '127.0.0.1' : h
}

/** True when a listener on `a` and one on `b` compete for the same ports. */
export function hostsOverlap(a: string, b: string): boolean {
  const x = normalizeHost(a)
  const y = normalizeHost(b)
  return x === y || WILDCARDS.has(x) || WILDCARDS.has(y)
}
