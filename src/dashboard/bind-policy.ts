/**
 * Where the dashboard may listen (pure). It has kill buttons, so by default it listens on loopback only;
 * another address needs --allow-remote, and then the command prints a warning: anyone who can reach the
 * port can read the lab's state (the token only guards the controls, and it is in the served page).
 */
import net from 'node:net'
import {MqlabError} from '../errors/mqlab-error.js'

/** True for 127.0.0.0/8, ::1, "localhost" (and IPv4-mapped loopback). */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase()
  if (h === 'localhost') return true
  if (net.isIPv4(h)) return h.startsWith('127.')
  if (net.isIPv6(h)) return h === '::1' || /^::ffff:127\./.test(h)
  return false
}

/** What the bind check decided: listen, with a warning to print when the address is not loopback. */
export interface BindDecision {
  host: string
  warning: string | null
}

/** Refuses a non-loopback host without `allowRemote` (USAGE); with it, returns the warning to print. */
export function checkBind(host: string, allowRemote: boolean): BindDecision {
  if (isLoopbackHost(host)) return {host, warning: null}
  if (!allowRemote) {
    throw new MqlabError(
      'USAGE',
      `refusing to serve the dashboard on ${host}: it is not a loopback address, and the dashboard can kill, stop and promote this lab's nodes`,
      {
        suggestion: 'leave --host out (127.0.0.1), or add --allow-remote if other machines must reach it',
      },
    )
  }
  return {
    host,
    warning: `the dashboard listens on ${host}: anyone who can reach that address can see this lab, and can load the page that carries the control token`,
  }
}
