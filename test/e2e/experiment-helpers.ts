// Test helper (not a test file) for the experiment e2e tests: runs `mqlab experiment …` through the built
// CLI in a temp folder, and reaps every node process any lab under that folder ever recorded, so a
// failed or timed-out run leaves no orphan.
import fs from 'node:fs'
import path from 'node:path'
import {killAll, labPids, mqlab, tempDir, type CliRun} from '../helpers/lab-cli.js'

type T = {teardown(fn: () => unknown): void; log(...values: unknown[]): void}

/** Every lab folder (one holding run/) under `dir`. */
function labsUnder(dir: string, depth = 4): string[] {
  if (depth < 0 || !fs.existsSync(dir)) return []
  const out: string[] = []
  for (const entry of fs.readdirSync(dir, {withFileTypes: true})) {
    if (!entry.isDirectory()) continue
    const full = path.join(dir, entry.name)
    if (entry.name === 'run') out.push(dir)
    else if (entry.name !== 'store' && entry.name !== 'reports') out.push(...labsUnder(full, depth - 1))
  }
  return out
}

/** A temp folder whose labs' processes are all killed in teardown (pids polled while the test runs). */
export async function experimentWorkspace(t: T): Promise<{cwd: string; run<R = any>(args: string[], timeoutMs?: number): Promise<CliRun<R>>}> {
  const cwd = await tempDir(t, 'mqlab-exp-e2e-')
  const seen = new Set<number>()
  const poll = setInterval(() => {
    for (const lab of labsUnder(cwd)) for (const pid of labPids(lab)) seen.add(pid)
  }, 200)
  t.teardown(() => {
    clearInterval(poll)
    for (const lab of labsUnder(cwd)) for (const pid of labPids(lab)) seen.add(pid)
    killAll(seen)
  })
  return {
    cwd,
    run: (args, timeoutMs = 170_000) => mqlab(cwd, args, {timeoutMs}),
  }
}

/** Whether this build's runtime runs DLedger groups (the DLedger scenarios refuse clearly otherwise). */
export function runtimeRunsDLedger(): boolean {
  // dist/test/e2e → repository root
  const root = new URL('../../../', import.meta.url)
  return fs.existsSync(new URL('runtime/dledger', root))
}

/** The ledger of a report, parsed. */
export function readLedger(file: string): any[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l))
}
