/**
 * The keys a record is indexed under (IndexService.buildIndex): its unique key (UNIQ_KEY), then each
 * non-empty word of KEYS split on " " (MessageConst.KEY_SEPARATOR). Records appended by this store carry
 * only their properties string, so the two values are picked out of it here, off the send path.
 */
import type {DispatchRequest} from '../dispatch-request.js'

const NAME_VALUE = '\u0001'
const PROPERTY = '\u0002'

/** The value of one property in an encoded properties string (`k\u0001v\u0002…`), or undefined. */
export function propertyOf(properties: string, name: string): string | undefined {
  const needle = name + NAME_VALUE
  let from = 0
  for (;;) {
    const at = properties.indexOf(needle, from)
    if (at < 0) return undefined
    if (at === 0 || properties[at - 1] === PROPERTY) {
      const start = at + needle.length
      const end = properties.indexOf(PROPERTY, start)
      return properties.slice(start, end < 0 ? undefined : end)
    }
    from = at + 1
  }
}

/** The index keys of a dispatched record, unique key first. */
export function indexKeysOf(req: DispatchRequest): string[] {
  let uniq = req.uniqKey
  let keys = req.keys
  if (req.propertiesString !== undefined && uniq === undefined && keys === undefined) {
    uniq = propertyOf(req.propertiesString, 'UNIQ_KEY')
    keys = propertyOf(req.propertiesString, 'KEYS')
  }
  const out: string[] = []
  if (uniq !== undefined) out.push(uniq)
  if (keys !== undefined && keys.length > 0) for (const k of keys.split(' ')) if (k.length > 0) out.push(k)
  return out
}
