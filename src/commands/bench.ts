import {Flags} from '@oclif/core'
import {clientTargetFlags, clientTargetHelp} from '../cli/client-flags.js'
import {failoverFlags, failoverOption} from '../cli/failover-flag.js'
import {ClientCommand} from '../cli/client-command.js'
import {ROUTE_REFRESH_NOTE} from '../client/route-refresh-note.js'
import type {ClusterBenchResult} from '../bench/cluster-bench.js'

/** `mqlab bench`: producer and consumer throughput and latency against a running cluster. */
export default class Bench extends ClientCommand {
  static override summary = "Measure produce and consume throughput and latency (TPS, avg, p50, p99, max RT, failures), as RocketMQ's benchmark tools"
  static override description = `Sends --size-byte messages to --topic, --inflight at a time, for --duration seconds, then consumes them with a new consumer group. --probe first measures a raw loopback echo with the same frame size and in-flight count (the ceiling for any request/response over loopback in Node here) and reports produce as a share of it; absolute rates drift on shared machines, ratios less. The fixed suite with its own processes and targets is npm run bench. Exits 13 when any send failed.

${clientTargetHelp(ROUTE_REFRESH_NOTE)}`
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --size 4096 --inflight 16 --duration 30',
    '<%= config.bin %> <%= command.id %> --probe --json',
    '<%= config.bin %> <%= command.id %> --namesrv 127.0.0.1:9876 --topic BenchmarkTest --no-consume',
  ]
  static override flags = {
    topic: Flags.string({char: 't', description: 'topic (created through TBW102 when missing)', default: 'BenchmarkTest'}),
    size: Flags.integer({char: 's', description: 'message body bytes', default: 1024, min: 1, max: 4 * 1024 * 1024}),
    inflight: Flags.integer({char: 'w', description: 'sends in flight at once', default: 64, min: 1, max: 4096}),
    duration: Flags.integer({char: 'd', description: 'seconds to produce', default: 10, min: 1, max: 3600}),
    consume: Flags.boolean({description: 'consume what was produced afterwards', default: true, allowNo: true}),
    probe: Flags.boolean({description: 'also measure the raw loopback probe and show ratios to it', default: false}),
    ...failoverFlags,
    ...clientTargetFlags,
  }

  async run(): Promise<ClusterBenchResult> {
    const {flags} = await this.parse(Bench)
    const target = await this.resolveTarget(flags)
    const {runClusterBench} = await import('../bench/cluster-bench.js')
    const {MqlabError} = await import('../cli/mqlab-error.js')
    const {onInterrupt} = await import('../cli/interrupt.js')
    const {startProgressLine} = await import('../cli/render/progress-line.js')
    const interrupt = onInterrupt()
    let progress: ReturnType<typeof startProgressLine> | undefined
    try {
      const result = await runClusterBench({
        namesrvAddr: target.namesrvAddrs,
        topic: flags.topic,
        size: flags.size,
        inflight: flags.inflight,
        durationMs: flags.duration * 1000,
        consume: flags.consume,
        probe: flags.probe,
        ...failoverOption(flags),
        signal: interrupt.signal,
        onPhase: (phase) => {
          progress?.finish()
          progress = this.interactive
            ? startProgressLine(phase === 'probe' ? 'probing loopback…' : phase === 'produce' ? 'sent' : 'consumed', undefined)
            : undefined
          progress?.update(0)
        },
        onProgress: (done) => progress?.update(done),
      })
      progress?.finish()
      if (!this.json) this.log((await import('../cli/render/bench-report.js')).renderBench(result))
      if (interrupt.signal.aborted) this.fail(new MqlabError('INTERRUPTED', 'interrupted: the figures cover the part that ran'))
      else if (result.producer.failed > 0)
        this.fail(
          new MqlabError(
            'SEND_FAILED',
            `${result.producer.failed} of ${result.producer.sent} sends failed (${Object.keys(result.producer.byStatus).join(', ')})`,
          ),
        )
      return result
    } finally {
      progress?.finish()
      interrupt.dispose()
    }
  }
}
