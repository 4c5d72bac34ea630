import {spawn, type ChildProcess} from 'node:child_process'
import {fileURLToPath} from 'node:url'

/** A runtime process (mqnamesrv / mqbroker) started from the built launchers in bin/. */
export interface RuntimeProcess {
  child: ChildProcess
  /** stdout + stderr so far, for failure messages. */
  output(): string
  /** Resolves with the exit code, or the signal name, once the process has exited. */
  exited: Promise<number | string>
  /** Sends a signal and waits for the exit. */
  stop(signal: NodeJS.Signals): Promise<number | string>
}

const binDir = fileURLToPath(new URL('../../../bin/', import.meta.url))

/**
 * Spawns `node bin/<name>.js ...args`. Every process is SIGKILLed and reaped in the test's teardown if it
 * is still running, so a failing test leaves nothing behind.
 */
export function spawnRuntime(
  t: {teardown(fn: () => unknown): void},
  name: 'mqnamesrv' | 'mqbroker',
  args: string[],
  env: NodeJS.ProcessEnv = {},
): RuntimeProcess {
  const child = spawn(process.execPath, [`${binDir}${name}.js`, ...args], {env: {...process.env, ...env}, stdio: ['ignore', 'pipe', 'pipe']})
  let out = ''
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()))
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()))
  // 'close', not 'exit': only then has everything the child wrote to stdout/stderr been read (a child
  // that exits fast, e.g. on a bad config, can otherwise be reported as exited before its message arrives).
  const exited = new Promise<number | string>((resolve) => child.once('close', (code, signal) => resolve(code ?? signal ?? -1)))
  const stop = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal)
    return exited
  }
  t.teardown(() => stop('SIGKILL'))
  return {child, output: () => out, exited, stop}
}
