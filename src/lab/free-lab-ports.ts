/** Moves a written lab onto ports that are free now (the benchmark's clusters, the tests). */
import {relocateLabPorts} from '../topology/relocate-ports.js'
import {freeBrokerPort, freeNamesrvPort} from './free-ports.js'

/** Rewrites the lab at `labDir` onto free loopback ports; returns the new namesrvAddr. */
export function moveLabToFreePorts(labDir: string): Promise<{namesrvAddr: string}> {
  const taken = new Set<number>()
  return relocateLabPorts(labDir, {namesrvPort: () => freeNamesrvPort(taken), brokerPort: () => freeBrokerPort(taken)})
}
