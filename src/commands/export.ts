import {Flags} from '@oclif/core'
import {BaseCommand} from '../cli/base-command.js'
import {MqlabError} from '../cli/mqlab-error.js'
import type {ExportResult} from '../export/export-lab.js'

/** `mqlab export --hosts h1,h2`: the lab as Apache RocketMQ configs for real hosts. */
export default class Export extends BaseCommand {
  static override summary = "Export the lab's topology as Apache RocketMQ 4.9 configs for real hosts: a folder per host with start/stop scripts"
  static override description = `The way out when a lab is outgrown. Nodes are spread over the hosts as real deployments cross them (name server i on host i, group g's master on host g and its slave on the next host, DLedger member i on host i). RocketMQ's default ports come back (9876; brokers 10911 with 10909 and 10912; a second broker on one host 10921), brokerIP1, namesrvAddr and dLegerPeers name the hosts, store paths go under --store-root/<node>. Every other key of each file is kept.

Each host folder gets conf/, start.sh (bin/mqnamesrv, bin/mqbroker from $ROCKETMQ_HOME; ./start.sh namesrv|masters|slaves runs one step) and stop.sh (bin/mqshutdown); README.md lists the start order and the checks (mqadmin clusterList). The exported set is validated with the hosts as given, exactly as mqlab validate checks a lab; errors fail the command (exit 3) but the files are still written for inspection.`
  static override examples = [
    '<%= config.bin %> <%= command.id %> --hosts 10.0.0.1,10.0.0.2',
    '<%= config.bin %> <%= command.id %> --hosts mq1,mq2,mq3 --out ./cluster --store-root /data/rocketmq/store',
    '<%= config.bin %> <%= command.id %> --dir ./raft-lab --hosts mq1,mq2,mq3 --json',
  ]
  static override flags = {
    dir: Flags.string({description: 'lab folder', default: 'mqlab'}),
    hosts: Flags.string({description: 'the real hosts, comma separated (names or addresses, no ports)', required: true}),
    out: Flags.string({description: 'folder to write (one subfolder per host)', default: 'mqlab-export'}),
    'store-root': Flags.string({description: 'absolute folder under which each node keeps its store (<root>/<node>)', default: '/data/rocketmq/store'}),
    force: Flags.boolean({description: 'write into a non-empty --out', default: false}),
  }

  async run(): Promise<ExportResult> {
    const {flags} = await this.parse(Export)
    const {exportLab} = await import('../export/export-lab.js')
    const result = exportLab({dir: flags.dir, hosts: flags.hosts, out: flags.out, storeRoot: flags['store-root'], force: flags.force})
    if (!result.validation.valid) {
      this.fail(
        new MqlabError(
          'VALIDATION_FAILED',
          `the exported set has ${result.validation.errors} error(s) on the hosts given (files written to ${result.out} for inspection)`,
          {suggestion: 'use more hosts, or fix the lab, then export again'},
        ),
      )
    }
    if (!this.json) {
      const {renderTable} = await import('../cli/table.js')
      this.log(`Exported ${result.dir} to ${result.out} for ${result.hosts.length} host(s); name servers ${result.namesrvAddr}`)
      this.log(
        renderTable(
          ['host', 'node', 'role', 'file', 'listenPort', 'store'],
          result.hosts.flatMap((h) => h.nodes.map((n) => [h.host, n.name, n.role, n.file, String(n.listenPort), n.storeDir])),
        ),
      )
      const {renderValidation} = await import('../cli/render/validate-report.js')
      this.log(renderValidation(result.validation))
      this.log(`Next: read ${result.out}/README.md (start order and checks), copy each host's folder to it, set ROCKETMQ_HOME, run ./start.sh`)
    }
    return result
  }
}
