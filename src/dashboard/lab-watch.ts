/**
 * The dashboard's I/O shell over the lab: re-reads conf/ on every look (a promotion rewrites a file),
 * keeps one set of supervisor dependencies and one admin client (so the remoting connections are reused
 * from look to look instead of dialled every second), and reads the same modules the CLI's status,
 * cluster, replication, topic status and group progress commands read.
 */
import path from 'node:path'
import {groupList, groupProgress, type GroupProgress} from '../client/admin/group-admin.js'
import {collectReplication} from '../client/admin/ha-admin.js'
import {MQAdmin} from '../client/admin/mq-admin.js'
import {topicStatus, type TopicStatusResult} from '../client/admin/topic-admin.js'
import {engineTimings} from '../engine/engine-launch.js'
import {contextFor, realSupervisorDeps, type LabContext} from '../lab/lab-context.js'
import {collectStatus} from '../lab/lab-status.js'
import {isUserTopic} from '../lab/kill-observation.js'
import type {NodeState} from '../lab/node-state.js'
import type {SupervisorDeps} from '../lab/supervisor.js'
import {readLab} from '../topology/lab-reader.js'
import type {DashboardSnapshot, Part} from './dashboard-snapshot.js'

/** Topics and groups shown at most (a lab is small; this bounds a look whatever is created). */
const MAX_TOPICS = 50
const MAX_GROUPS = 50

/** A lab being watched. */
export class LabWatch {
  private readonly deps: SupervisorDeps
  private admin: MQAdmin | undefined
  private namesrvKey = ''

  readonly dir: string

  constructor(dir: string) {
    this.dir = path.resolve(dir)
    this.deps = realSupervisorDeps(this.dir)
  }

  /** A fresh context on the lab as its files are now, sharing this watch's connections (never close it). */
  context(): LabContext {
    const lab = readLab(this.dir)
    // contextFor applies an engine's timings (Java nodes stop more slowly) only to deps it makes itself.
    return contextFor(lab, {
      deps: this.deps,
      timings: engineTimings(
        lab.dir,
        lab.nodes.map((n) => n.name),
      ),
    })
  }

  /** One look at everything. */
  async snapshot(): Promise<DashboardSnapshot> {
    const ctx = this.context()
    const admin = this.adminFor(ctx)
    // In parallel: a paused broker holds each request to its timeout, and should hold the look once only.
    const [status, cluster, replication, topics, groups] = await Promise.all([
      collectStatus(ctx),
      part(() => admin.clusterList()),
      part(() => collectReplication(admin)),
      part(async (): Promise<TopicStatusResult[]> => {
        const names = (await admin.topicList()).filter((t) => isUserTopic(t, ctx.specs)).slice(0, MAX_TOPICS)
        return Promise.all(names.map((t) => topicStatus(admin, t)))
      }),
      part(async (): Promise<GroupProgress[]> => {
        const names = (await groupList(admin)).map((g) => g.group).slice(0, MAX_GROUPS)
        return Promise.all(names.map((g) => groupProgress(admin, g)))
      }),
    ])
    return {takenAt: this.deps.clock.now(), dir: ctx.dir, nodes: status.nodes, rolesFrom: status.rolesFrom, cluster, replication, topics, groups}
  }

  /**
   * Every node's state and pid from its run files and the process table only (no request on the wire):
   * cheap enough to read several times a second, so a kill or pause shows at once even while a look
   * waits on a hung broker.
   */
  quickStates(): Map<string, {state: NodeState; pid: number | null}> {
    const ctx = this.context()
    return new Map(
      ctx.specs.map((s) => {
        const st = ctx.supervisor.status(s.name)
        return [s.name, {state: st.state, pid: st.pid ?? null}]
      }),
    )
  }

  async close(): Promise<void> {
    await this.admin?.close()
    await this.deps.wire.close()
  }

  /** The admin client for the lab's name servers (a new one when the conf files name others). */
  private adminFor(ctx: LabContext): MQAdmin {
    const namesrvs = ctx.specs.filter((s) => s.kind === 'namesrv').map((s) => s.addr)
    const addrs = namesrvs.length > 0 ? namesrvs : [...new Set(ctx.specs.flatMap((s) => s.namesrvAddrs))]
    const key = addrs.join(';')
    if (this.admin === undefined || key !== this.namesrvKey) {
      void this.admin?.close()
      this.admin = new MQAdmin({namesrvAddr: addrs})
      this.namesrvKey = key
    }
    return this.admin
  }
}

async function part<T>(read: () => Promise<T>): Promise<Part<T>> {
  try {
    return {ok: true, value: await read()}
  } catch (err) {
    return {ok: false, error: err instanceof Error ? err.message : String(err)}
  }
}
