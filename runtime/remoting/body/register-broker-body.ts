/**
 * RegisterBrokerBody (common/protocol/body/RegisterBrokerBody.java): the REGISTER_BROKER request body.
 *
 * Plain form (header compressed=false), JSON with fastjson's key order:
 *   {"filterServerList":[],"topicConfigSerializeWrapper":{"dataVersion":{…},"topicConfigTable":{…}}}
 * Compressed form (compressed=true, broker config compressedRegister): a zlib stream of
 *   int32 length + DataVersion JSON, int32 topic count,
 *   per topic int32 length + "topicName readQueueNums writeQueueNums perm topicFilterType" (TopicConfig.encode),
 *   int32 length + filter-server list JSON.
 * All ints big-endian. The compressed form does not carry topicSysFlag or order: they decode as 0/false.
 */
// eslint-disable-next-line no-restricted-imports -- the body's compressed form is zlib (RegisterBrokerBody.encode), a pure transform
import {deflateSync, inflateSync, constants as zlibConstants} from 'node:zlib'
import {dataVersionFromJson, type DataVersion} from './data-version.js'
import {parseFastjson} from './fastjson-text.js'
import {newTopicConfig, topicConfigFromJson, type TopicConfig} from './topic-config.js'
import {encodeTopicConfigSerializeWrapper, type TopicConfigSerializeWrapper} from './topic-config-serialize-wrapper.js'

/** What a broker tells the name server when it registers. */
export interface RegisterBrokerBody {
  topicConfigSerializeWrapper: TopicConfigSerializeWrapper
  filterServerList: string[]
}

/** Upper bound on what an inflated body may grow to, so a zip bomb cannot exhaust memory. */
const MAX_INFLATED = 64 * 1024 * 1024

/** Encodes the body, plain JSON or compressed as the broker's compressedRegister asks. */
export function encodeRegisterBrokerBody(body: RegisterBrokerBody, compress = false): Buffer {
  if (!compress) {
    const wrapper = encodeTopicConfigSerializeWrapper(body.topicConfigSerializeWrapper)
    return Buffer.from(`{"filterServerList":${JSON.stringify(body.filterServerList)},"topicConfigSerializeWrapper":${wrapper}}`)
  }
  const parts: Buffer[] = []
  const withLength = (bytes: Buffer) => {
    const len = Buffer.allocUnsafe(4)
    len.writeInt32BE(bytes.length)
    parts.push(len, bytes)
  }
  const dv = body.topicConfigSerializeWrapper.dataVersion
  withLength(Buffer.from(JSON.stringify({counter: dv.counter, timestamp: dv.timestamp})))
  const topics = Object.values(body.topicConfigSerializeWrapper.topicConfigTable)
  const count = Buffer.allocUnsafe(4)
  count.writeInt32BE(topics.length)
  parts.push(count)
  for (const tc of topics) {
    withLength(Buffer.from(`${tc.topicName} ${tc.readQueueNums} ${tc.writeQueueNums} ${tc.perm} ${tc.topicFilterType}`))
  }
  withLength(Buffer.from(JSON.stringify(body.filterServerList)))
  // Java uses Deflater.BEST_COMPRESSION with the zlib wrapper (DeflaterOutputStream).
  return deflateSync(Buffer.concat(parts), {level: zlibConstants.Z_BEST_COMPRESSION})
}

/**
 * Decodes the body. `now` stamps the DataVersion when the plain form lacks one (Java's new DataVersion()).
 * Throws on malformed content; the name server answers that with SYSTEM_ERROR, as Java does.
 */
export function decodeRegisterBrokerBody(bytes: Buffer, compressed: boolean, now: number = Date.now()): RegisterBrokerBody {
  return compressed ? decodeCompressed(bytes) : decodePlain(bytes, now)
}

function decodePlain(bytes: Buffer, now: number): RegisterBrokerBody {
  const parsed = parseFastjson(bytes.toString('utf8'))
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('register body is not a JSON object')
  const v = parsed as Record<string, unknown>
  const w = (v.topicConfigSerializeWrapper ?? {}) as Record<string, unknown>
  if (typeof w !== 'object' || w === null) throw new Error('topicConfigSerializeWrapper is not an object')
  const topicConfigTable: Record<string, TopicConfig> = {}
  const table = w.topicConfigTable
  if (table !== undefined && table !== null) {
    if (typeof table !== 'object') throw new Error('topicConfigTable is not an object')
    for (const [name, tc] of Object.entries(table as Record<string, unknown>)) {
      const config = topicConfigFromJson(name, tc)
      topicConfigTable[config.topicName] = config
    }
  }
  const dataVersion: DataVersion = dataVersionFromJson(w.dataVersion) ?? {timestamp: now, counter: 0}
  const filterServerList = Array.isArray(v.filterServerList) ? v.filterServerList.map(String) : []
  return {topicConfigSerializeWrapper: {topicConfigTable, dataVersion}, filterServerList}
}

function decodeCompressed(bytes: Buffer): RegisterBrokerBody {
  let raw: Buffer
  try {
    raw = inflateSync(bytes, {maxOutputLength: MAX_INFLATED})
  } catch (err) {
    throw new Error(`compressed register body does not inflate: ${(err as Error).message}`)
  }
  let p = 0
  const readInt = (): number => {
    if (raw.length - p < 4) throw new Error('compressed register body is truncated')
    const n = raw.readInt32BE(p)
    p += 4
    return n
  }
  const readText = (): string => {
    const len = readInt()
    if (len < 0 || raw.length - p < len) throw new Error('compressed register body is truncated')
    const s = raw.toString('utf8', p, p + len)
    p += len
    return s
  }
  const dataVersion = dataVersionFromJson(JSON.parse(readText()))
  if (dataVersion === undefined) throw new Error('compressed register body has no data version')
  const count = readInt()
  if (count < 0) throw new Error(`compressed register body has a negative topic count`)
  const topicConfigTable: Record<string, TopicConfig> = {}
  for (let i = 0; i < count; i++) {
    const tc = parseEncodedTopicConfig(readText())
    topicConfigTable[tc.topicName] = tc
  }
  const filterJson = readText()
  let filterServerList: string[] = []
  try {
    const list: unknown = JSON.parse(filterJson)
    if (Array.isArray(list)) filterServerList = list.map(String)
  } catch {
    // Java logs and keeps an empty list when the filter-server JSON is bad.
  }
  return {topicConfigSerializeWrapper: {topicConfigTable, dataVersion}, filterServerList}
}

/** TopicConfig.decode: exactly five space-separated fields. */
function parseEncodedTopicConfig(text: string): TopicConfig {
  const f = text.split(' ')
  const ints = f.slice(1, 4).map((s) => (/^-?\d+$/.test(s) ? Number(s) : NaN))
  if (f.length !== 5 || ints.some(Number.isNaN) || (f[4] !== 'SINGLE_TAG' && f[4] !== 'MULTI_TAG')) {
    throw new Error(`bad topic config in compressed register body: ${JSON.stringify(text)}`)
  }
  return newTopicConfig(f[0]!, {readQueueNums: ints[0]!, writeQueueNums: ints[1]!, perm: ints[2]!, topicFilterType: f[4]})
}
