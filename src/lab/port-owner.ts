/**
 * Who listens on a port (Linux /proc; elsewhere nothing is known): the listening socket's inode from
 * /proc/net/tcp{,6}, the process holding that socket, its command line and working directory. A node
 * mqlab started runs in its lab folder (node-launch.ts), so a clash with another mqlab lab can name
 * that lab and the command that frees the port.
 */
import fs from 'node:fs'
import path from 'node:path'
import {nodeFromConfFile} from '../topology/node-naming.js'

/** The process listening on a port. */
export interface PortOwner {
  pid: number
  command: string
  /** The mqlab lab folder it runs in, when it is a node of one. */
  labDir?: string
  /** The node's name (its conf file's), when it is a node of an mqlab lab. */
  node?: string
}

/** Finds the listener of host:port, or undefined when /proc cannot tell (another OS, another user). */
export function findPortOwner(host: string, port: number): PortOwner | undefined {
  const inodes = listeningInodes(host, port)
  if (inodes.size === 0) return undefined
  let pids: string[]
  try {
    pids = fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))
  } catch {
    return undefined
  }
  for (const pid of pids) {
    let fds: string[]
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`)
    } catch {
      continue
    }
    for (const fd of fds) {
      let target: string
      try {
        target = fs.readlinkSync(`/proc/${pid}/fd/${fd}`)
      } catch {
        continue
      }
      const m = /^socket:\[(\d+)\]$/.exec(target)
      if (m && inodes.has(m[1]!)) return describe(Number(pid))
    }
  }
  return undefined
}

function describe(pid: number): PortOwner {
  let args: string[] = []
  try {
    args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean)
  } catch {
    // unknown command
  }
  const owner: PortOwner = {pid, command: args.join(' ')}
  if (!/mq(broker|namesrv)/.test(owner.command)) return owner
  try {
    const cwd = fs.readlinkSync(`/proc/${pid}/cwd`)
    if (fs.existsSync(path.join(cwd, 'mqlab.json')) || fs.existsSync(path.join(cwd, 'conf'))) owner.labDir = cwd
  } catch {
    return owner
  }
  const conf = args[args.indexOf('-c') + 1]
  if (args.includes('-c') && conf) owner.node = nodeFromConfFile(path.basename(conf)).name
  return owner
}

/** Inodes of sockets listening on port (on host, or on every address). */
function listeningInodes(host: string, port: number): Set<string> {
  const inodes = new Set<string>()
  const portHex = port.toString(16).toUpperCase().padStart(4, '0')
  const wanted = new Set([hexIpv4(host), '00000000'])
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string
    try {
      text = fs.readFileSync(file, 'utf8')
    } catch {
      continue
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/)
      if (cols.length < 10 || cols[3] !== '0A') continue
      const [addr, p] = cols[1]!.split(':')
      if (p !== portHex) continue
      if (file.endsWith('6') ? addr === '00000000000000000000000000000000' || addr!.endsWith(hexIpv4(host)) : wanted.has(addr!)) inodes.add(cols[9]!)
    }
  }
  return inodes
}

/** 127.0.0.1 → "0100007F" (/proc/net/tcp prints the address in host byte order; little-endian here). */
function hexIpv4(host: string): string {
  const octets = host.split('.').map(Number)
  if (octets.length !== 4 || octets.some((o) => !Number.isInteger(o))) return '--'
  return octets
    .reverse()
    .map((o) => o.toString(16).toUpperCase().padStart(2, '0'))
    .join('')
}
