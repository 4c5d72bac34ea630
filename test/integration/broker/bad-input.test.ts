import test from 'ava'
import {rawConnect} from '../../helpers/raw-peer.js'
import {RequestCode} from '../../../runtime/remoting/request-code.js'
import {ResponseCode} from '../../../runtime/remoting/response-code.js'
import {startBrokerLab} from '../../helpers/broker-lab.js'

test('garbage bytes close only that connection while another client keeps sending', async (t) => {
  const lab = await startBrokerLab(t)
  await lab.client.createTopic(lab.brokerAddr, 'T', 1)
  const sending = (async () => {
    let ok = 0
    for (let i = 0; i < 50; i++) if ((await lab.client.send(lab.brokerAddr, {topic: 'T', body: `m${i}`})).code === 0) ok++
    return ok
  })()
  const garbage = await rawConnect(lab.broker.listenPort)
  // A length word far over the 16 MiB frame limit, then noise.
  garbage.socket.write(Buffer.from([0x7f, 0xff, 0xff, 0xff, 1, 2, 3, 4, 5, 6, 7, 8]))
  await garbage.closed
  const truncatedHeader = await rawConnect(lab.broker.listenPort)
  // Header length claims more than the frame holds.
  truncatedHeader.socket.write(Buffer.from([0, 0, 0, 8, 0, 0, 0, 200, 0x7b, 0x7d, 0, 0]))
  await truncatedHeader.closed
  t.is(await sending, 50)
  t.is(lab.broker.store.getMaxOffsetInQueue('T', 0), 50)
})

test('missing header fields and unknown codes get error responses, the connection stays usable', async (t) => {
  const lab = await startBrokerLab(t)
  const noTopic = await lab.client.invoke(lab.brokerAddr, RequestCode.SEND_MESSAGE_V2, {a: 'P'}, Buffer.from('x'))
  t.is(noTopic.code, ResponseCode.SYSTEM_ERROR)
  t.regex(noTopic.remark ?? '', /"b"/)
  const badNumber = await lab.client.invoke(lab.brokerAddr, RequestCode.GET_MAX_OFFSET, {topic: 'T', queueId: 'zero'})
  t.is(badNumber.code, ResponseCode.SYSTEM_ERROR)
  const badHeartbeat = await lab.client.invoke(lab.brokerAddr, RequestCode.HEART_BEAT, undefined, Buffer.from('{not json'))
  t.is(badHeartbeat.code, ResponseCode.SYSTEM_ERROR)
  const unknown = await lab.client.invoke(lab.brokerAddr, 9999)
  t.is(unknown.code, ResponseCode.REQUEST_CODE_NOT_SUPPORTED)
  t.is(unknown.remark, 'request type 9999 not supported')
  const badBatch = await lab.client.invoke(
    lab.brokerAddr,
    RequestCode.SEND_BATCH_MESSAGE,
    {a: 'P', b: 'TBW102x', c: 'TBW102', d: 4, e: 0, f: 0, g: 1, h: 0, m: true},
    Buffer.from([1, 2, 3]),
  )
  t.is(badBatch.code, ResponseCode.MESSAGE_ILLEGAL)
  t.is((await lab.client.createTopic(lab.brokerAddr, 'StillFine', 1)).code, 0)
})
