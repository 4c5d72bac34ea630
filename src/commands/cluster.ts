import {clientTargetFlags, clientTargetHelp} from '../cli/client-flags.js'
import {ClientCommand} from '../cli/client-command.js'
import {ROUTE_REFRESH_NOTE} from '../client/route-refresh-note.js'
import type {ClusterListRow} from '../client/admin/cluster-list.js'

/** What `mqlab cluster` returns. */
export interface ClusterResult {
  brokers: ClusterListRow[]
}

/** `mqlab cluster`: mqadmin clusterList's view. */
export default class Cluster extends ClientCommand {
  static override summary = 'Show every registered broker: cluster, broker name, id, address, version, in/out TPS (mqadmin clusterList)'
  static override description = `Reads the name servers' cluster info, then asks each broker for its runtime info (GET_BROKER_RUNTIME_INFO); a broker that does not answer keeps its row, with the reason. BID 0 is the master, > 0 a slave.

${clientTargetHelp(ROUTE_REFRESH_NOTE)}`
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --namesrv "127.0.0.1:9876;127.0.0.1:9877" --json']
  static override flags = {...clientTargetFlags}

  async run(): Promise<ClusterResult> {
    const {flags} = await this.parse(Cluster)
    const target = await this.resolveTarget(flags)
    const {MQAdmin} = await import('../client/admin/mq-admin.js')
    // Views answer fast: a paused (SIGSTOPped) broker costs 1.5 s, not the 3 s RPC default per request.
    const admin = new MQAdmin({namesrvAddr: target.namesrvAddrs, requestTimeoutMs: 1500})
    try {
      const brokers = await admin.clusterList()
      if (!this.json) this.log((await import('../cli/render/cluster-report.js')).renderClusterList(brokers))
      return {brokers}
    } finally {
      await admin.close()
    }
  }
}
