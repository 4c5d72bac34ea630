/**
 * `npm run bench` (node dist/bench/run.js [--duration S] [--size BYTES] [--inflight N] [--profile]
 * [--compare FILE]):
 * runs the fixed suite (bench-suite.ts) against its own processes on free loopback ports in a temp
 * folder, prints the targets table (target, measured, ratio, pass/fail) and the raw figures, and writes
 * the same as JSON to bench/results/latest.json. Every process and the temp folder are removed at the
 * end, on Ctrl-C too; the whole run is bounded (3 minutes).
 *
 * --profile starts the ASYNC_FLUSH broker with `node --cpu-prof` and keeps the profile in
 * bench/results/profiles/ (open it in Chrome DevTools or speedscope).
 *
 * --compare FILE (an earlier results file, e.g. a copy of latest.json) adds a table of each target then
 * and now, with the ratio of the two runs' ratios (compare-results.ts), so a regression shows as a number.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {renderTable} from '../src/cli/table.js'
import {evaluateTargets, type TargetRow} from './bench-targets.js'
import {compareTargets} from './compare-results.js'
import {runSuite, type SuiteResult} from './bench-suite.js'

const resultsDir = fileURLToPath(new URL('../../bench/results/', import.meta.url))
const TOTAL_LIMIT_MS = 170_000

interface Args {
  phaseMs: number
  size: number
  inflight: number
  profile: boolean
  compare: string | null
}

function parseArgs(argv: string[]): Args {
  const args: Args = {phaseMs: 5000, size: 1024, inflight: 64, profile: false, compare: null}
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    const num = () => {
      const v = Number(argv[++i])
      if (!Number.isFinite(v) || v <= 0) throw new Error(`${a} needs a positive number`)
      return v
    }
    if (a === '--duration') args.phaseMs = num() * 1000
    else if (a === '--size') args.size = Math.round(num())
    else if (a === '--inflight') args.inflight = Math.round(num())
    else if (a === '--profile') args.profile = true
    else if (a === '--compare') {
      const file = argv[++i]
      if (file === undefined) throw new Error('--compare needs a results file')
      args.compare = file
    } else throw new Error(`unknown argument ${a} (use --duration S, --size BYTES, --inflight N, --profile, --compare FILE)`)
  }
  return args
}

function rateText(v: number | undefined): string {
  return v === undefined || !Number.isFinite(v) ? '' : String(Math.round(v))
}

function msText(v: number | undefined): string {
  return v === undefined || !Number.isFinite(v) ? '' : v < 10 ? v.toFixed(3) : v.toFixed(1)
}

function targetsTable(rows: TargetRow[]): string {
  return renderTable(
    ['target', 'measured', 'ratio', 'goal', 'result'],
    rows.map((r) => [
      r.target,
      r.measured,
      r.ratio === null ? '' : r.ratio.toFixed(2),
      `${r.comparison} ${r.bound}`,
      r.pass === null ? 'n/a' : r.pass ? 'PASS' : 'FAIL',
    ]),
  )
}

function figuresTable(s: SuiteResult): string {
  const rows: string[][] = []
  for (const [name, p] of [
    ['raw probe, 64 in flight', s.probe64],
    ['raw probe, 1 in flight', s.probe1],
  ] as const) {
    if (p) rows.push([name, rateText(p.rate), msText(p.latency.avg), msText(p.latency.p50), msText(p.latency.p99), msText(p.latency.max), '0'])
  }
  for (const [name, r] of [
    ['produce ASYNC_FLUSH, 64 in flight', s.async64],
    ['produce ASYNC_FLUSH, 1 in flight', s.async1],
    ['produce SYNC_FLUSH, 64 in flight', s.sync64],
  ] as const) {
    if (r) rows.push([name, rateText(r.tps), msText(r.latency.avg), msText(r.latency.p50), msText(r.latency.p99), msText(r.latency.max), String(r.failed)])
  }
  for (const [role, h] of [
    ['ASYNC_MASTER', s.ha?.asyncMaster],
    ['SYNC_MASTER', s.ha?.syncMaster],
  ] as const) {
    for (const r of [...(h?.rounds64 ?? []), ...(h?.rounds1 ?? [])]) {
      rows.push([
        `produce ${role} + slave, ${r.inflight} in flight (SEND_OK/s)`,
        rateText((r.ok * 1000) / r.elapsedMs),
        msText(r.latency.avg),
        msText(r.latency.p50),
        msText(r.latency.p99),
        msText(r.latency.max),
        String(r.failed + r.degraded),
      ])
    }
  }
  if (s.dledger?.tps64 != null) rows.push(['produce DLedger group of three, 64 in flight (SEND_OK/s)', rateText(s.dledger.tps64), '', '', '', '', ''])
  if (s.dledger?.failoverMs != null)
    rows.push([`DLedger leader SIGKILL → first SEND_OK: ${(s.dledger.failoverMs / 1000).toFixed(1)} s (lab timings)`, '', '', '', '', '', ''])
  if (s.consume) {
    const l = s.consume.endToEndLatency
    rows.push([`consume ${s.consume.consumed} (born→delivered RT)`, rateText(s.consume.tps), msText(l.avg), msText(l.p50), msText(l.p99), msText(l.max), '0'])
  }
  return renderTable(['phase', 'TPS', 'avg RT ms', 'p50 ms', 'p99 ms', 'max RT ms', 'failures'], rows)
}

/** The targets of an earlier results file, read before the run so a bad path fails at once. */
function readEarlierTargets(file: string): TargetRow[] {
  let json: {targets?: TargetRow[]}
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8')) as {targets?: TargetRow[]}
  } catch (err) {
    throw new Error(`--compare ${file}: ${err instanceof Error ? err.message : String(err)}`)
  }
  if (!Array.isArray(json.targets)) throw new Error(`--compare ${file}: no "targets" list (not a bench results file)`)
  return json.targets
}

function compareTable(before: TargetRow[], now: TargetRow[]): string {
  return renderTable(
    ['target', 'before', 'now', 'now / before (ratios)', 'verdict'],
    compareTargets(before, now).map((r) => [r.target, r.before, r.now, r.change === null ? '' : r.change.toFixed(2), r.verdict]),
  )
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2))
  const earlier = args.compare === null ? null : readEarlierTargets(args.compare)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mqlab-bench-'))
  const controller = new AbortController()
  const onSignal = (sig: string) => controller.abort(new Error(`interrupted (${sig})`))
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  const limit = setTimeout(() => controller.abort(new Error(`the suite ran past ${TOTAL_LIMIT_MS / 1000} s`)), TOTAL_LIMIT_MS)
  const profileDir = path.join(resultsDir, 'profiles')
  const started = new Date()
  const began = performance.now()
  let suite: SuiteResult
  try {
    if (args.profile) fs.mkdirSync(profileDir, {recursive: true})
    console.log(
      `mqlab bench: ${args.size}-byte messages, ${args.inflight} in flight, ${args.phaseMs / 1000} s per phase; load average ${os
        .loadavg()
        .map((v) => v.toFixed(2))
        .join(' ')} on ${os.cpus().length} CPUs`,
    )
    suite = await runSuite({
      dir,
      phaseMs: args.phaseMs,
      size: args.size,
      inflight: args.inflight,
      brokerNodeArgs: args.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : undefined,
      signal: controller.signal,
      log: (line) => console.log(line),
    })
  } finally {
    clearTimeout(limit)
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
    fs.rmSync(dir, {recursive: true, force: true})
  }
  const targets = evaluateTargets(suite.figures)
  console.log('')
  console.log(targetsTable(targets))
  console.log(figuresTable(suite))
  if (suite.labUp) {
    const rss = suite.labUp.rss.map((r) => `${r.node} ${r.rssMiB?.toFixed(1) ?? '?'}`).join(', ')
    console.log(
      `up of ${suite.labUp.template}: ${(suite.labUp.upMs / 1000).toFixed(2)} s (first spawn → last ready ${(suite.labUp.readyMs / 1000).toFixed(2)} s); idle RSS MiB: ${rss}`,
    )
    console.log(`start-up CPU ms: ${suite.labUp.rss.map((r) => `${r.node} ${r.startCpuMs ?? '?'}`).join(', ')}`)
    const d = suite.labUp.withData
    if (d)
      console.log(
        `up again after ${d.sent} sends and a clean down (${d.storedMiB.toFixed(1)} MiB of commitlog): ${(d.upMs / 1000).toFixed(2)} s; brokers' recovery ms: ${d.recoveryMs.join(', ')}`,
      )
    for (const c of suite.labUp.commands) {
      console.log(
        `mqlab ${c.command}: median ${Math.round(c.medianMs)} ms (CPU ${Math.round(c.cpuMs)} ms) vs node -e 0 ${Math.round(c.baselineMs)} ms (CPU ${Math.round(c.baselineCpuMs)} ms) over ${c.runs} rounds${c.failures > 0 ? ` (${c.failures} failed)` : ''}`,
      )
    }
  }
  const lag = suite.ha?.asyncMaster.lag
  if (lag)
    console.log(
      `slave lag under ASYNC_MASTER load (${lag.samples} samples every 50 ms): p50 ${Math.round(lag.p50Bytes / 1024)} KiB, p99 ${Math.round(lag.p99Bytes / 1024)} KiB (${lag.p99Ms.toFixed(1)} ms of traffic at ${(lag.bytesPerSecond / 1048576).toFixed(1)} MiB/s), max ${Math.round(lag.maxBytes / 1024)} KiB`,
    )
  if (earlier) {
    console.log(`\ncompared with ${args.compare}:`)
    console.log(compareTable(earlier, targets))
  }
  for (const e of suite.errors) console.log(`! ${e}`)
  const report = {
    startedAt: started.toISOString(),
    elapsedMs: performance.now() - began,
    machine: {cpus: os.cpus().length, loadavg: os.loadavg(), node: process.version, platform: `${process.platform}-${process.arch}`},
    options: args,
    targets,
    figures: suite.figures,
    phases: {
      probe64: suite.probe64,
      probe1: suite.probe1,
      async64: suite.async64,
      async1: suite.async1,
      consume: suite.consume,
      sync64: suite.sync64,
      labUp: suite.labUp,
      labUpNoSlave: suite.labUpNoSlave,
      ha: suite.ha,
      dledger: suite.dledger,
      benchClusterRss: suite.benchClusterRss,
    },
    errors: suite.errors,
  }
  fs.mkdirSync(resultsDir, {recursive: true})
  const out = path.join(resultsDir, 'latest.json')
  fs.writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`)
  console.log(`written to ${path.relative(process.cwd(), out) || out}${args.profile ? `; broker CPU profile in ${profileDir}` : ''}`)
  return suite.errors.length > 0 ? 1 : 0
}

try {
  process.exitCode = await main()
} catch (err) {
  console.error(`bench failed: ${err instanceof Error ? err.message : String(err)}`)
  process.exitCode = 1
}
