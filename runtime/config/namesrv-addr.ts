/**
 * The `namesrvAddr` value: `host:port;host:port`. RocketMQ's BrokerStartup checks each entry with
 * RemotingUtil.string2SocketAddress (split at the last `:`, Integer.parseInt the port) and exits when one
 * fails; `String.split(";")` drops a trailing empty entry, so a trailing `;` is harmless.
 */

/** One `host:port`. */
export interface HostPort {
  host: string
  port: number
}

/** Parsed addresses, or the reason the text is malformed. */
export type NamesrvAddrParse = {ok: true; addresses: HostPort[]} | {ok: false; error: string}

/** Parses `host:port` (port 1-65535; host a name or IP literal: letters, digits, `.`, `-`, `_`, `:` and brackets); undefined when malformed. */
export function parseHostPort(text: string): HostPort | undefined {
  const colon = text.lastIndexOf(':')
  if (colon <= 0) return undefined
  const host = text.slice(0, colon)
  const portText = text.slice(colon + 1)
  if (!/^[A-Za-z0-9._:[\]-]+$/.test(host) || !/^\d{1,5}$/.test(portText)) return undefined
  const port = Number(portText)
  if (port < 1 || port > 65535) return undefined
  return {host, port}
}

/** Parses a namesrvAddr value. */
export function parseNamesrvAddr(text: string): NamesrvAddrParse {
  const parts = text.split(';')
  while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop()
  const addresses: HostPort[] = []
  for (const part of parts) {
    const hp = parseHostPort(part)
    if (!hp) return {ok: false, error: part === '' ? 'an empty entry between ";"' : `${JSON.stringify(part)} is not host:port`}
    addresses.push(hp)
  }
  return {ok: true, addresses}
}

/** `host:port` as text. */
export function formatHostPort(hp: HostPort): string {
  return `${hp.host}:${hp.port}`
}
