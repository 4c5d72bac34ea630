/**
 * DLedger RPC bodies byte for byte. The expected strings follow fastjson 1.2.69's rules for DLedger's
 * protocol beans (sorted getter names, nulls left out, enum names, base64 byte[]); the vote request is the
 * shape of a real one quoted in openmessaging/dledger#325.
 */
import test from 'ava'
import {
  decodeHeartBeatRequest,
  decodePushRequest,
  decodePushResponse,
  decodeTransferRequest,
  decodeVoteRequest,
  decodeVoteResponse,
  encodeAppendEntryResponse,
  encodeCheckFailure,
  encodeGetEntriesResponse,
  encodeHeartBeatRequest,
  encodeHeartBeatResponse,
  encodeMetadataResponse,
  encodePushRequest,
  encodePushResponse,
  encodeTransferRequest,
  encodeTransferResponse,
  encodeVoteRequest,
  encodeVoteResponse,
} from '../../../runtime/dledger/protocol/dledger-messages.js'
import {DLedgerBodyError} from '../../../runtime/dledger/protocol/fastjson.js'
import {DLedgerRequestCode, isDLedgerRequestCode} from '../../../runtime/dledger/protocol/dledger-request-code.js'

const s = (b: Buffer) => b.toString('utf8')
const entry = {index: 7, term: 3, pos: 1234, body: Buffer.from('hello')}

test("request codes are DLedger 0.3.1.2's", (t) => {
  t.deepEqual(DLedgerRequestCode, {
    METADATA: 50000,
    APPEND: 50001,
    GET: 50002,
    VOTE: 51001,
    HEART_BEAT: 51002,
    PULL: 51003,
    PUSH: 51004,
    LEADERSHIP_TRANSFER: 51005,
  })
  t.true(isDLedgerRequestCode(51004))
  t.false(isDLedgerRequestCode(10))
})

test('VoteRequest: the candidate is leaderId and localId', (t) => {
  const body = encodeVoteRequest('broker-0', {kind: 'vote', from: 'D0', to: 'D1', rid: 1, term: 2, ledgerEndIndex: 41, ledgerEndTerm: 1})
  t.is(s(body), '{"code":200,"group":"broker-0","leaderId":"D0","ledgerEndIndex":41,"ledgerEndTerm":1,"localId":"D0","remoteId":"D1","term":2}')
  const back = decodeVoteRequest(body, 9)
  t.deepEqual(back.msg, {kind: 'vote', from: 'D0', to: 'D1', rid: 9, term: 2, ledgerEndIndex: 41, ledgerEndTerm: 1})
  t.is(back.base.group, 'broker-0')
})

test("VoteResponse copies the request's base fields and carries the responder's term and the result name", (t) => {
  const req = decodeVoteRequest(
    Buffer.from('{"code":200,"group":"g","leaderId":"n0","ledgerEndIndex":5,"ledgerEndTerm":1,"localId":"n0","remoteId":"n1","term":2}'),
    1,
  )
  const body = encodeVoteResponse(req.base, {term: 3, voteResult: 'REJECT_EXPIRED_VOTE_TERM'})
  t.is(s(body), '{"code":200,"group":"g","leaderId":"n0","localId":"n0","remoteId":"n1","term":3,"voteResult":"REJECT_EXPIRED_VOTE_TERM"}')
  t.deepEqual(decodeVoteResponse(body), {term: 3, voteResult: 'REJECT_EXPIRED_VOTE_TERM'})
})

test('HeartBeat request and the bare success answer', (t) => {
  const body = encodeHeartBeatRequest('g', {kind: 'heartBeat', from: 'n0', to: 'n2', rid: 1, term: 4, leaderId: 'n0'})
  t.is(s(body), '{"code":200,"group":"g","leaderId":"n0","localId":"n0","remoteId":"n2","term":4}')
  t.deepEqual(decodeHeartBeatRequest(body, 3).msg, {kind: 'heartBeat', from: 'n0', to: 'n2', rid: 3, term: 4, leaderId: 'n0'})
  t.is(s(encodeHeartBeatResponse({code: 200, term: -1})), '{"code":200,"term":-1}')
  t.is(s(encodeHeartBeatResponse({code: 403, term: 9})), '{"code":403,"term":9}')
})

test('PushEntryRequest APPEND: the entry with its stored header fields, base64 body, and the computed getters', (t) => {
  const body = encodePushRequest('g', {kind: 'push', from: 'n0', to: 'n1', rid: 1, term: 3, leaderId: 'n0', type: 'APPEND', entry, commitIndex: 6})
  t.is(
    s(body),
    '{"batch":false,"batchEntry":[],"code":200,"commitIndex":6,"count":1,' +
      '"entry":{"body":"aGVsbG8=","bodyCrc":0,"chainCrc":0,"channel":0,"index":7,"magic":1,"pos":1234,"size":53,"term":3},' +
      '"firstEntryIndex":7,"group":"g","lastEntryIndex":7,"leaderId":"n0","localId":"n0","remoteId":"n1","term":3,"totalSize":0,"type":"APPEND"}',
  )
  const back = decodePushRequest(body, 5).msg
  t.is(back.type, 'APPEND')
  t.deepEqual({...back.entry!, body: Buffer.from(back.entry!.body).toString()}, {index: 7, term: 3, pos: 1234, body: 'hello'})
  t.is(back.commitIndex, 6)
})

test('PushEntryRequest COMMIT has no entry, count 0 and index −1', (t) => {
  const body = encodePushRequest('g', {kind: 'push', from: 'n0', to: 'n1', rid: 1, term: 3, leaderId: 'n0', type: 'COMMIT', commitIndex: 6})
  t.is(
    s(body),
    '{"batch":false,"batchEntry":[],"code":200,"commitIndex":6,"count":0,"firstEntryIndex":-1,"group":"g","lastEntryIndex":-1,"leaderId":"n0","localId":"n0","remoteId":"n1","term":3,"totalSize":0,"type":"COMMIT"}',
  )
  t.is(decodePushRequest(body, 1).msg.entry, undefined)
})

test('PushEntryResponse: index absent for COMMIT, count of the pushed entries otherwise', (t) => {
  const append = encodePushResponse('g', {code: 200, term: 3, index: 7, beginIndex: 0, endIndex: 7}, 'APPEND', 1)
  t.is(s(append), '{"beginIndex":0,"code":200,"count":1,"endIndex":7,"group":"g","index":7,"term":3}')
  t.deepEqual(decodePushResponse(append), {code: 200, term: 3, index: 7, beginIndex: 0, endIndex: 7})
  const commit = encodePushResponse('g', {code: 405, term: 3, beginIndex: -1, endIndex: -1}, 'COMMIT', 0)
  t.is(s(commit), '{"beginIndex":-1,"code":405,"count":0,"endIndex":-1,"group":"g","term":3}')
  t.is(decodePushResponse(commit).index, undefined)
})

test('LeadershipTransfer request and answers', (t) => {
  const body = encodeTransferRequest('g', {
    kind: 'transfer',
    from: 'n0',
    to: 'n1',
    rid: 1,
    term: 5,
    leaderId: 'n0',
    transferId: 'n0',
    transfereeId: 'n1',
    takeLeadershipLedgerIndex: 99,
  })
  t.is(
    s(body),
    '{"code":200,"group":"g","leaderId":"n0","localId":"n0","remoteId":"n1","takeLeadershipLedgerIndex":99,"term":5,"transferId":"n0","transfereeId":"n1"}',
  )
  t.like(decodeTransferRequest(body, 2).msg, {transferId: 'n0', transfereeId: 'n1', takeLeadershipLedgerIndex: 99, term: 5})
  t.is(s(encodeTransferResponse({code: 200, term: 6})), '{"code":200,"term":6}')
})

test('member/group check failures copy the request and name the current leader', (t) => {
  const req = decodeHeartBeatRequest(Buffer.from('{"code":200,"group":"other","leaderId":"n0","localId":"n0","remoteId":"n1","term":4}'), 1)
  t.is(s(encodeCheckFailure(req.base, 400, 'n2')), '{"code":400,"group":"other","leaderId":"n2","localId":"n0","remoteId":"n1","term":4}')
})

test('METADATA, GET and APPEND answers', (t) => {
  t.is(
    s(encodeMetadataResponse('g', 2, 'n1', {n0: '127.0.0.1:40911', n1: '127.0.0.1:40912'})),
    '{"code":200,"group":"g","leaderId":"n1","peers":{"n0":"127.0.0.1:40911","n1":"127.0.0.1:40912"},"term":2}',
  )
  t.is(
    s(encodeGetEntriesResponse('g', 200, 2, 'n1', [entry])),
    '{"code":200,"entries":[{"body":"aGVsbG8=","bodyCrc":0,"chainCrc":0,"channel":0,"index":7,"magic":1,"pos":1234,"size":53,"term":3}],"group":"g","leaderId":"n1","term":2}',
  )
  t.is(s(encodeAppendEntryResponse('g', 404, 2, 'n1', -1, -1)), '{"code":404,"group":"g","index":-1,"leaderId":"n1","pos":-1,"term":2}')
})

test('decoding is lenient like fastjson (numeric strings, unknown keys) but rejects garbage', (t) => {
  const r = decodeVoteRequest(Buffer.from('{"term":"3","leaderId":"n0","remoteId":"n1","ledgerEndIndex":"4","extra":true}'), 1)
  t.is(r.msg.term, 3)
  t.is(r.msg.ledgerEndIndex, 4)
  t.is(r.msg.ledgerEndTerm, -1)
  t.throws(() => decodeVoteRequest(Buffer.from('not json'), 1), {instanceOf: DLedgerBodyError})
  t.throws(() => decodeVoteRequest(Buffer.alloc(0), 1), {instanceOf: DLedgerBodyError})
  t.throws(() => decodePushRequest(Buffer.from('{"type":"SIDEWAYS"}'), 1), {instanceOf: DLedgerBodyError})
  t.throws(() => decodePushRequest(Buffer.from('{"type":"APPEND","entry":{"body":"!!"}}'), 1), {instanceOf: DLedgerBodyError})
})
