/** Starts and stops the probe's echo server process (dist/src/bench/loopback-echo-main.js). */
import {spawn} from 'node:child_process'
import path from 'node:path'
import {packageRoot} from '../package-root.js'

/** A running echo process. */
export interface EchoProcess {
  port: number
  pid: number
  /** Stops it and waits for the exit. */
  stop(): Promise<void>
}

/** Spawns the echo server and waits (up to `timeoutMs`) for the port it prints. */
export async function startEchoProcess(timeoutMs = 10_000): Promise<EchoProcess> {
  const script = path.join(packageRoot(), 'dist/src/bench/loopback-echo-main.js')
  const child = spawn(process.execPath, [script], {stdio: ['pipe', 'pipe', 'inherit']})
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
    await exited
  }
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let out = ''
      const timer = setTimeout(() => reject(new Error('the echo process printed no port')), timeoutMs)
      child.stdout!.on('data', (c: Buffer) => {
        out += c.toString()
        const line = /^(\d+)\n/.exec(out)
        if (line) {
          clearTimeout(timer)
          resolve(Number(line[1]))
        }
      })
      child.once('exit', (code) => {
        clearTimeout(timer)
        reject(new Error(`the echo process exited (${code}) before listening`))
      })
    })
    return {port, pid: child.pid!, stop}
  } catch (err) {
    await stop()
    throw err
  }
}
