// Shared by the dashboard's e2e tests: starts `mqlab dashboard` as its own process (as a user does), waits
// for the address it prints, and ends it (SIGTERM, then SIGKILL) when the test ends.
import {spawn} from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

const root = fileURLToPath(new URL('../../../', import.meta.url))

/** Debian's chromium (.ci/run installs it). */
export const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p))

/** Where screenshots go: git-ignored, kept after the run for a human to look at. */
export function artifactsDir(): string {
  const dir = path.join(root, 'test-artifacts', 'dashboard')
  fs.mkdirSync(dir, {recursive: true})
  return dir
}

/** A running dashboard: its URL and its pid. */
export interface RunningDashboard {
  url: string
  pid: number
  stderr(): string
}

/** Starts `mqlab dashboard --dir <lab> --port 0` in `cwd`; resolves once it prints its URL. */
export function startDashboard(t: {teardown(fn: () => unknown): void}, cwd: string, labDir: string, extra: string[] = []): Promise<RunningDashboard> {
  const child = spawn(process.execPath, [path.join(root, 'bin', 'run.js'), 'dashboard', '--dir', labDir, '--port', '0', ...extra], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {...process.env, NO_COLOR: '1'},
  })
  let err = ''
  child.stdout.resume()
  t.teardown(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
    await new Promise((resolve) => child.once('exit', resolve))
    clearTimeout(timer)
  })
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString('utf8')
      const m = /mqlab dashboard: (http:\/\/\S+)/.exec(err)
      if (m) resolve({url: m[1]!, pid: child.pid!, stderr: () => err})
    })
    child.once('exit', (code) => reject(new Error(`mqlab dashboard exited (${code}) before serving:\n${err}`)))
  })
}
