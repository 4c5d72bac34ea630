import test from 'ava'
import {putMessageStatusToResponse} from '../../../runtime/broker/processor/put-message-status-code.js'
import {getMessageStatusToResponseCode} from '../../../runtime/broker/processor/get-message-status-code.js'
import {ResponseCode} from '../../../runtime/remoting/response-code.js'
import type {GetMessageStatus, PutMessageStatus} from '../../../runtime/store/message-store.js'

const limits = {maxMessageSize: 4194304}

test('PutMessageStatus → send response code (SendMessageProcessor.handlePutMessageResult)', (t) => {
  const table: Array<[PutMessageStatus, number, boolean]> = [
    ['PUT_OK', ResponseCode.SUCCESS, true],
    ['FLUSH_DISK_TIMEOUT', ResponseCode.FLUSH_DISK_TIMEOUT, true],
    ['FLUSH_SLAVE_TIMEOUT', ResponseCode.FLUSH_SLAVE_TIMEOUT, true],
    ['SLAVE_NOT_AVAILABLE', ResponseCode.SLAVE_NOT_AVAILABLE, true],
    ['CREATE_MAPEDFILE_FAILED', ResponseCode.SYSTEM_ERROR, false],
    ['MESSAGE_ILLEGAL', ResponseCode.MESSAGE_ILLEGAL, false],
    ['PROPERTIES_SIZE_EXCEEDED', ResponseCode.MESSAGE_ILLEGAL, false],
    ['SERVICE_NOT_AVAILABLE', ResponseCode.SERVICE_NOT_AVAILABLE, false],
    ['OS_PAGECACHE_BUSY', ResponseCode.SYSTEM_ERROR, false],
    ['UNKNOWN_ERROR', ResponseCode.SYSTEM_ERROR, false],
  ]
  for (const [status, code, stored] of table) {
    const r = putMessageStatusToResponse(status, limits)
    t.is(r.code, code, status)
    t.is(r.stored, stored, status)
  }
  t.is(putMessageStatusToResponse('PUT_OK', limits).remark, undefined)
  t.regex(putMessageStatusToResponse('MESSAGE_ILLEGAL', limits).remark!, /msg body length limit 4194304B/)
  t.regex(putMessageStatusToResponse('MESSAGE_ILLEGAL', limits, 'body 5000000 > 4194304').remark!, /\(body 5000000 > 4194304\)$/)
  t.regex(putMessageStatusToResponse('OS_PAGECACHE_BUSY', limits).remark!, /^\[PC_SYNCHRONIZED\]/)
})

test('GetMessageStatus → pull response code (PullMessageProcessor)', (t) => {
  const table: Array<[GetMessageStatus, number, number]> = [
    ['FOUND', 5, ResponseCode.SUCCESS],
    ['MESSAGE_WAS_REMOVING', 5, ResponseCode.PULL_RETRY_IMMEDIATELY],
    ['NO_MATCHED_MESSAGE', 5, ResponseCode.PULL_RETRY_IMMEDIATELY],
    ['NO_MATCHED_LOGIC_QUEUE', 0, ResponseCode.PULL_NOT_FOUND],
    ['NO_MATCHED_LOGIC_QUEUE', 3, ResponseCode.PULL_OFFSET_MOVED],
    ['NO_MESSAGE_IN_QUEUE', 0, ResponseCode.PULL_NOT_FOUND],
    ['NO_MESSAGE_IN_QUEUE', 3, ResponseCode.PULL_OFFSET_MOVED],
    ['OFFSET_FOUND_NULL', 5, ResponseCode.PULL_NOT_FOUND],
    ['OFFSET_OVERFLOW_ONE', 5, ResponseCode.PULL_NOT_FOUND],
    ['OFFSET_OVERFLOW_BADLY', 5, ResponseCode.PULL_OFFSET_MOVED],
    ['OFFSET_TOO_SMALL', 5, ResponseCode.PULL_OFFSET_MOVED],
  ]
  for (const [status, offset, code] of table) t.is(getMessageStatusToResponseCode(status, offset), code, `${status} at ${offset}`)
})
