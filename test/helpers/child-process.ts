import {spawn, type ChildProcess} from 'node:child_process'

/** A spawned child with its output collected and its exit awaited. */
export interface Child {
  process: ChildProcess
  stdout(): string
  stderr(): string
  /** Resolves with the exit code (or the signal name) once the child has exited. */
  exited: Promise<number | string>
}

/** Spawns `node <script> ...args`; the child is SIGKILLed in teardown if still running. */
export function spawnNode(
  t: {teardown(fn: () => unknown): void},
  script: string,
  args: string[],
  options: {env?: NodeJS.ProcessEnv; cwd?: string} = {},
): Child {
  const child = spawn(process.execPath, [script, ...args], {cwd: options.cwd, env: {...process.env, ...options.env}, stdio: ['ignore', 'pipe', 'pipe']})
  let out = ''
  let err = ''
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()))
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()))
  // 'close', not 'exit': only then has everything the child wrote to stdout/stderr been read (a child
  // that exits fast, e.g. on a bad config, can otherwise be reported as exited before its message arrives).
  const exited = new Promise<number | string>((resolve) => child.once('close', (code, signal) => resolve(code ?? signal ?? -1)))
  t.teardown(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL')
      await exited
    }
  })
  return {process: child, stdout: () => out, stderr: () => err, exited}
}
