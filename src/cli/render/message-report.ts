/** Terminal rendering of `mqlab message`: one message with its properties and where it is stored. */
import type {FoundMessage} from '../../client/admin/message-query.js'
import {formatStoreTime, servedByText} from './admin-time.js'

const BODY_PREVIEW = 512

/** The body as text when it is UTF-8 without control characters, else a hex preview. */
export function bodyText(body: Buffer, compressed: boolean): string {
  if (compressed) return `(${body.length} bytes, compressed)`
  const text = body.toString('utf8')
  if (!text.includes('\uFFFD') && !/[\u0000-\u0008\u000E-\u001F]/.test(text))
    return text.length > BODY_PREVIEW ? `${text.slice(0, BODY_PREVIEW)}… (${body.length} bytes)` : text
  return `${body.subarray(0, 64).toString('hex')}${body.length > 64 ? '…' : ''} (${body.length} bytes, binary)`
}

/** A key: value block per message. */
export function renderMessages(found: FoundMessage[]): string {
  return found
    .map(({message: m, servedBy}) => {
      const rows: Array<[string, string]> = [
        ['topic', m.topic],
        ['msgId', m.properties.UNIQ_KEY ?? '-'],
        ['offsetMsgId', m.msgId],
        ['tags', m.properties.TAGS ?? '-'],
        ['keys', m.properties.KEYS ?? '-'],
        ['stored on', `${servedBy.brokerName} ${servedByText(servedBy)}`],
        ['queue', `${m.queueId}, offset ${m.queueOffset}`],
        ['commitlog', `offset ${m.commitLogOffset}, ${m.storeSize} bytes`],
        ['born', `${formatStoreTime(m.bornTimestamp)} from ${m.bornHost.ip}:${m.bornHost.port}`],
        ['stored', `${formatStoreTime(m.storeTimestamp)} on ${m.storeHost.ip}:${m.storeHost.port}`],
        ['reconsumes', String(m.reconsumeTimes)],
      ]
      const user = Object.entries(m.properties).filter(([k]) => !['UNIQ_KEY', 'TAGS', 'KEYS', 'WAIT'].includes(k))
      const width = 12
      const lines = rows.map(([k, v]) => `${k.padEnd(width)}${v}`)
      if (user.length > 0) lines.push(`${'properties'.padEnd(width)}${user.map(([k, v]) => `${k}=${v}`).join(', ')}`)
      lines.push(`${'body'.padEnd(width)}${bodyText(m.body, (m.sysFlag & 1) !== 0)}`)
      return lines.join('\n')
    })
    .join('\n\n')
}
