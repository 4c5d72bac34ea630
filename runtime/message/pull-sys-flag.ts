/**
 * Bits of PULL_MESSAGE's sysFlag header (RocketMQ 4.9.8 common/sysflag/PullSysFlag.java; docs/rocketmq-facts.md §2.5).
 */
export const PullSysFlag = {
  /** Also commit the request's commitOffset. */
  COMMIT_OFFSET: 0x1,
  /** Long polling allowed: hold the pull until a message arrives. */
  SUSPEND: 0x1 << 1,
  /** Use the request's subscription instead of the heartbeat-registered one. */
  SUBSCRIPTION: 0x1 << 2,
  CLASS_FILTER: 0x1 << 3,
  LITE_PULL_MESSAGE: 0x1 << 4,
} as const

/** Builds a pull sysFlag from its parts (PullSysFlag.buildSysFlag). */
export function buildPullSysFlag(commitOffset: boolean, suspend: boolean, subscription: boolean, classFilter = false, litePull = false): number {
  let flag = 0
  if (commitOffset) flag |= PullSysFlag.COMMIT_OFFSET
  if (suspend) flag |= PullSysFlag.SUSPEND
  if (subscription) flag |= PullSysFlag.SUBSCRIPTION
  if (classFilter) flag |= PullSysFlag.CLASS_FILTER
  if (litePull) flag |= PullSysFlag.LITE_PULL_MESSAGE
  return flag
}

/** Clears the COMMIT_OFFSET bit (pulls to a slave). */
export function clearCommitOffsetFlag(sysFlag: number): number {
  return sysFlag & ~PullSysFlag.COMMIT_OFFSET
}

/** Whether the COMMIT_OFFSET bit is set. */
export function hasCommitOffsetFlag(sysFlag: number): boolean {
  return (sysFlag & PullSysFlag.COMMIT_OFFSET) !== 0
}

/** Whether the SUSPEND bit is set. */
export function hasSuspendFlag(sysFlag: number): boolean {
  return (sysFlag & PullSysFlag.SUSPEND) !== 0
}

/** Whether the SUBSCRIPTION bit is set. */
export function hasSubscriptionFlag(sysFlag: number): boolean {
  return (sysFlag & PullSysFlag.SUBSCRIPTION) !== 0
}

/** Whether the CLASS_FILTER bit is set. */
export function hasClassFilterFlag(sysFlag: number): boolean {
  return (sysFlag & PullSysFlag.CLASS_FILTER) !== 0
}

/** Whether the LITE_PULL_MESSAGE bit is set. */
export function hasLitePullFlag(sysFlag: number): boolean {
  return (sysFlag & PullSysFlag.LITE_PULL_MESSAGE) !== 0
}
