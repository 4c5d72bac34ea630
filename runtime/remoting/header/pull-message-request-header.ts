/**
 * PullMessageRequestHeader (common/protocol/header/PullMessageRequestHeader.java): extFields of
 * PULL_MESSAGE (11).
 *
 *   consumerGroup* topic* queueId* queueOffset* maxMsgNums* sysFlag* commitOffset*
 *   suspendTimeoutMillis* subVersion* subscription expressionType bname      (* = required)
 *
 * sysFlag bits are in runtime/message/pull-sys-flag.ts (COMMIT_OFFSET 1, SUSPEND 2, SUBSCRIPTION 4 …).
 */
import {optionalString, requiredInt, requiredLong, requiredString, toExtFields, type ExtFields} from './header-fields.js'

/** A pull request's header. */
export interface PullMessageRequestHeader {
  consumerGroup: string
  topic: string
  queueId: number
  queueOffset: number
  maxMsgNums: number
  sysFlag: number
  commitOffset: number
  suspendTimeoutMillis: number
  subVersion: number
  subscription?: string
  expressionType?: string
  bname?: string
}

/** Decodes PULL_MESSAGE extFields; throws HeaderFieldError on a missing or bad field. */
export function decodePullMessageRequestHeader(ext: ExtFields): PullMessageRequestHeader {
  return {
    consumerGroup: requiredString(ext, 'consumerGroup'),
    topic: requiredString(ext, 'topic'),
    queueId: requiredInt(ext, 'queueId'),
    queueOffset: requiredLong(ext, 'queueOffset'),
    maxMsgNums: requiredInt(ext, 'maxMsgNums'),
    sysFlag: requiredInt(ext, 'sysFlag'),
    commitOffset: requiredLong(ext, 'commitOffset'),
    suspendTimeoutMillis: requiredLong(ext, 'suspendTimeoutMillis'),
    subVersion: requiredLong(ext, 'subVersion'),
    subscription: optionalString(ext, 'subscription'),
    expressionType: optionalString(ext, 'expressionType'),
    bname: optionalString(ext, 'bname'),
  }
}

/** Encodes PULL_MESSAGE extFields. */
export function encodePullMessageRequestHeader(h: PullMessageRequestHeader): Record<string, string> {
  return toExtFields({
    consumerGroup: h.consumerGroup,
    topic: h.topic,
    queueId: h.queueId,
    queueOffset: h.queueOffset,
    maxMsgNums: h.maxMsgNums,
    sysFlag: h.sysFlag,
    commitOffset: h.commitOffset,
    suspendTimeoutMillis: h.suspendTimeoutMillis,
    subVersion: h.subVersion,
    subscription: h.subscription,
    expressionType: h.expressionType,
    bname: h.bname,
  })
}
