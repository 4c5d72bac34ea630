/**
 * PullMessageRequestHeader (common/protocol/header/PullMessageRequestHeader.java): extFields of
 * PULL_MESSAGE (11).
 *
 *   consumerGroup* topic* queueId* queueOffset* maxMsgNums* sysFlag* commitOffset*
 *   suspendTimeoutMillis* subVersion* subscription expressionType bname      (* = required)
 *
 * sysFlag bits are in runtime/message/pull-sys-flag.ts (COMMIT_OFFSET 1, SUSPEND 2, SUBSCRIPTION 4 …).
 */
import {headerCodec, type ExtFields} from './header-fields.js'

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

/** The header's one field description, in wire order: decoding and encoding both follow it. */
const codec = headerCodec<PullMessageRequestHeader>({
  consumerGroup: 'string',
  topic: 'string',
  queueId: 'int',
  queueOffset: 'long',
  maxMsgNums: 'int',
  sysFlag: 'int',
  commitOffset: 'long',
  suspendTimeoutMillis: 'long',
  subVersion: 'long',
  subscription: 'string?',
  expressionType: 'string?',
  bname: 'string?',
})

/** Decodes PULL_MESSAGE extFields; throws HeaderFieldError on a missing or bad field. */
export const decodePullMessageRequestHeader: (ext: ExtFields) => PullMessageRequestHeader = codec.decode

/** Encodes PULL_MESSAGE extFields. */
export const encodePullMessageRequestHeader: (h: PullMessageRequestHeader) => Record<string, string> = codec.encode
