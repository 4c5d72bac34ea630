/**
 * Topic and broker permission bits (RocketMQ common/constant/PermName.java): a topic is normally 6
 * (read + write); TBW102 is 7 because INHERIT marks it as the template for auto-created topics.
 */
export const PermName = {
  PRIORITY: 8,
  READ: 4,
  WRITE: 2,
  INHERIT: 1,
} as const

/** Whether the READ bit is set. */
export function isReadable(perm: number): boolean {
  return (perm & PermName.READ) === PermName.READ
}

/** Whether the WRITE bit is set. */
export function isWriteable(perm: number): boolean {
  return (perm & PermName.WRITE) === PermName.WRITE
}

/** Whether the INHERIT bit is set (the topic may serve as a template for auto-creation). */
export function isInherited(perm: number): boolean {
  return (perm & PermName.INHERIT) === PermName.INHERIT
}

/** "RWX"-style rendering used in RocketMQ's logs: R, W, X for read, write, inherit; '-' when unset. */
export function perm2String(perm: number): string {
  return (isReadable(perm) ? 'R' : '-') + (isWriteable(perm) ? 'W' : '-') + (isInherited(perm) ? 'X' : '-')
}
