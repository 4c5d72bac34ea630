/** Renders a planned node as .properties text: a header saying what it is, then commented key=value lines. */
import type {PlannedNode} from './lab-plan.js'

/** The file text for one node. */
export function renderNodeProperties(node: PlannedNode, template: string): string {
  const lines = [
    `# ${node.name}: ${node.description}; written by \`mqlab init ${template}\``,
    `# RocketMQ 4.9 keys: a real ${node.kind === 'namesrv' ? 'mqnamesrv' : 'mqbroker'} -c reads this file the same way. Edit it, then run \`mqlab validate\`.`,
    '',
  ]
  for (const e of node.entries) {
    if (e.comment) lines.push(`# ${e.comment.replace(/[\r\n]+/g, ' ')}`)
    lines.push(`${e.commentedOut ? '#' : ''}${e.key}=${escapeValue(e.value)}`)
  }
  return lines.join('\n') + '\n'
}

/**
 * Escapes a value for java.util.Properties, which reads files as ISO-8859-1: backslashes doubled,
 * non-ASCII as \uXXXX, a leading space escaped (it would be stripped), line breaks escaped.
 */
export function escapeValue(value: string): string {
  let out = ''
  for (const ch of value) {
    const code = ch.codePointAt(0)!
    if (ch === '\\') out += '\\\\'
    else if (ch === '\n') out += '\\n'
    else if (ch === '\r') out += '\\r'
    else if (code > 0x7e || code < 0x20) {
      // Characters beyond the BMP become a surrogate pair of escapes, as Java's own store() writes them.
      for (const unit of String.fromCodePoint(code).split('')) out += `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`
    } else out += ch
  }
  return out.startsWith(' ') ? '\\' + out : out
}
