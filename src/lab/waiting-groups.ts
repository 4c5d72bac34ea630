/**
 * Broker groups of a lab whose messages cannot be read now: the master is down and no slave of the
 * group is live (2m-noslave after a kill). RocketMQ never moves those messages: they wait on the dead
 * master's disk until it comes back, so `consume` says so instead of just finding fewer messages.
 */
import type {LabContext} from './lab-context.js'
import {isLive} from './node-state.js'

/** A group whose stored messages wait for its master. */
export interface WaitingGroup {
  brokerName: string
  master: string
  state: string
}

/** The groups of the lab whose master is not live and that have no live slave. */
export function groupsWaitingForMaster(ctx: Pick<LabContext, 'specs' | 'supervisor'>): WaitingGroup[] {
  const brokers = ctx.specs.filter((s) => s.kind === 'broker' && s.brokerName !== undefined && s.fileRole !== 'DLEDGER')
  const names = [...new Set(brokers.map((b) => b.brokerName!))]
  const waiting: WaitingGroup[] = []
  for (const brokerName of names) {
    const group = brokers.filter((b) => b.brokerName === brokerName)
    const master = group.find((b) => b.fileRole === 'ASYNC_MASTER' || b.fileRole === 'SYNC_MASTER')
    if (master === undefined) continue
    const state = ctx.supervisor.status(master.name).state
    if (isLive(state)) continue
    if (group.some((b) => b !== master && isLive(ctx.supervisor.status(b.name).state))) continue
    waiting.push({brokerName, master: master.name, state})
  }
  return waiting
}
