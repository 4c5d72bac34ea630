/**
 * SubscriptionData (common/protocol/heartbeat/SubscriptionData.java): one topic subscription of a
 * consumer group, as sent inside HEART_BEAT bodies:
 *
 *   {"classFilterMode":false,"codeSet":[2598919],"expressionType":"TAG","subString":"TagA||TagB",
 *    "subVersion":1700000000000,"tagsSet":["TagA","TagB"],"topic":"TopicTest"}
 *
 * codeSet holds Java String.hashCode of each tag: the broker filters consume-queue entries by it.
 * ali-ons omits expressionType (meaning TAG).
 */
import {tagsString2tagsCode} from '../../message/tags-code.js'

/** "*": subscribe to every tag (SubscriptionData.SUB_ALL). */
export const SUB_ALL = '*'

/** A subscription as a broker and client keep it. */
export interface SubscriptionData {
  topic: string
  subString: string
  tagsSet: string[]
  codeSet: number[]
  /** Creation time in ms; a newer version replaces an older one. */
  subVersion: number
  classFilterMode: boolean
  /** "TAG" (default) or "SQL92". */
  expressionType: string
}

/**
 * Builds a TAG subscription from a `TagA || TagB` expression as FilterAPI.buildSubscriptionData does:
 * blank or "*" subscribes to everything; otherwise each trimmed non-empty tag and its hash are kept.
 */
export function buildSubscriptionData(topic: string, subString: string | undefined, subVersion: number = Date.now()): SubscriptionData {
  const data: SubscriptionData = {
    topic,
    subString: SUB_ALL,
    tagsSet: [],
    codeSet: [],
    subVersion,
    classFilterMode: false,
    expressionType: 'TAG',
  }
  if (subString === undefined || subString === '' || subString === SUB_ALL) return data
  data.subString = subString
  for (const tag of subString.split('||')) {
    const trimmed = tag.trim()
    if (trimmed.length > 0 && !data.tagsSet.includes(trimmed)) {
      data.tagsSet.push(trimmed)
      data.codeSet.push(tagsString2tagsCode(trimmed))
    }
  }
  return data
}

/** Reads a SubscriptionData from parsed JSON; throws when the topic or subString is missing. */
export function subscriptionDataFromJson(value: unknown): SubscriptionData {
  if (typeof value !== 'object' || value === null) throw new Error('subscription is not an object')
  const v = value as Record<string, unknown>
  if (typeof v.topic !== 'string' || v.topic === '') throw new Error('subscription without topic')
  const subString = typeof v.subString === 'string' ? v.subString : SUB_ALL
  const tagsSet = Array.isArray(v.tagsSet) ? v.tagsSet.filter((t): t is string => typeof t === 'string') : []
  const codeSet = Array.isArray(v.codeSet) ? v.codeSet.map(Number).filter((n) => Number.isInteger(n)) : []
  // A subscription whose sets are missing but whose expression names tags is rebuilt from the expression.
  const rebuilt = tagsSet.length === 0 && subString !== SUB_ALL && subString !== '' ? buildSubscriptionData(v.topic, subString) : undefined
  const subVersion = Number(v.subVersion)
  return {
    topic: v.topic,
    subString,
    tagsSet: rebuilt?.tagsSet ?? tagsSet,
    codeSet: rebuilt?.codeSet ?? codeSet,
    subVersion: Number.isFinite(subVersion) ? subVersion : 0,
    classFilterMode: v.classFilterMode === true || v.classFilterMode === 'true',
    expressionType: typeof v.expressionType === 'string' && v.expressionType !== '' ? v.expressionType : 'TAG',
  }
}

/** The JSON object of a SubscriptionData, keys in fastjson's order. */
export function subscriptionDataToJson(s: SubscriptionData): Record<string, unknown> {
  return {
    classFilterMode: s.classFilterMode,
    codeSet: s.codeSet,
    expressionType: s.expressionType,
    subString: s.subString,
    subVersion: s.subVersion,
    tagsSet: s.tagsSet,
    topic: s.topic,
  }
}
