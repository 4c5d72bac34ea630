/**
 * `mqlab admin ARGS…`: the real mqadmin (MQAdminStartup from the installed Apache RocketMQ tools jar),
 * as bin/mqadmin runs it, with `-n` set to the lab's name servers unless the arguments give one. It
 * works against either engine: mqlab's runtime answers the admin requests mqadmin sends.
 */
import {spawn} from 'node:child_process'
import type {ApacheEngine} from './engine-catalogue.js'
import type {JavaRuntime} from './java-runtime.js'
import {jvmArgs} from './jvm-options.js'

/** mqadmin's arguments with `-n ADDRS` added when the caller gave none (pure). */
export function adminArgs(args: readonly string[], namesrvAddrs: readonly string[]): string[] {
  const hasNamesrv = namesNamesrv(args)
  // mqadmin prints its command list for no arguments; -n then would only confuse it.
  if (hasNamesrv || args.length === 0 || namesrvAddrs.length === 0) return [...args]
  return [...args, '-n', namesrvAddrs.join(';')]
}

/**
 * Splits `mqlab admin`'s argv (pure): --dir/--namesrv (as `--dir X` or `--dir=X`) and --json are
 * mqlab's, everything else is mqadmin's; after `--` everything is mqadmin's.
 */
export function splitAdminArgv(argv: readonly string[]): {flags: {dir?: string; namesrv?: string}; rest: string[]} {
  const flags: {dir?: string; namesrv?: string} = {}
  const rest: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    if (a === '--') {
      rest.push(...argv.slice(i + 1))
      break
    }
    if (a === '--json') continue
    const m = /^--(dir|namesrv)(?:=(.*))?$/.exec(a)
    if (m) {
      const value = m[2] ?? argv[++i]
      if (value !== undefined) flags[m[1] as 'dir' | 'namesrv'] = value
      continue
    }
    rest.push(a)
  }
  return {flags, rest}
}

/** True when mqadmin's arguments give their own name servers (-n ADDR, -nADDR, --namesrvAddr). */
export function namesNamesrv(args: readonly string[]): boolean {
  return args.some((a) => a === '-n' || /^-n\S/.test(a) || a === '--namesrvAddr' || a.startsWith('--namesrvAddr='))
}

/** What one mqadmin run did. */
export interface AdminRun {
  exitCode: number
  stdout: string
  stderr: string
}

/** Runs mqadmin; output goes to this process's stdout/stderr too unless `capture`. */
export function runAdmin(options: {
  args: string[]
  engine: ApacheEngine
  java: JavaRuntime
  logDir: string
  capture: boolean
  env?: NodeJS.ProcessEnv
}): Promise<AdminRun> {
  const env = {...(options.env ?? process.env), ROCKETMQ_HOME: options.engine.home}
  const argv = [...jvmArgs('admin', {java: options.java, home: options.engine.home, logDir: options.logDir, env}), ...options.args]
  return new Promise((resolve, reject) => {
    const child = spawn(options.java.java, argv, {env, stdio: ['ignore', 'pipe', 'pipe']})
    let stdout = ''
    let stderr = ''
    const cap = (s: string, chunk: Buffer) => (s.length > 4_000_000 ? s : s + chunk.toString('utf8')) // bounded
    child.stdout.on('data', (c: Buffer) => {
      stdout = cap(stdout, c)
      if (!options.capture) process.stdout.write(c)
    })
    child.stderr.on('data', (c: Buffer) => {
      stderr = cap(stderr, c)
      if (!options.capture) process.stderr.write(c)
    })
    child.once('error', reject)
    child.once('close', (code, signal) => resolve({exitCode: code ?? (signal ? 128 : 1), stdout, stderr}))
  })
}
