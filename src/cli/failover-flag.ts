/**
 * `--fast-failover`, the flag of the client commands that run for a while (send, consume, bench): mqlab's
 * opt-in to notice a dead broker at once. Without it the client keeps RocketMQ's Java timings
 * (src/client/failover-timing.ts). Kept free of heavy imports: `--help` loads every command module.
 */
import {Flags} from '@oclif/core'

/** The flag. */
export const failoverFlags = {
  'fast-failover': Flags.boolean({
    description:
      "mqlab only: re-read a topic's route as soon as a broker connection fails and retry a failed pull after 1 s (default: RocketMQ's Java timings, 30 s route poll and 3 s pull retry)",
    default: false,
  }),
}

/** The client option the flag stands for. */
export function failoverOption(flags: {'fast-failover': boolean}): {failover: 'java' | 'fast'} {
  return {failover: flags['fast-failover'] ? 'fast' : 'java'}
}
