/**
 * Bytes a SEND_MESSAGE_V2 request adds to its body: the frame prefix, the command's JSON header with
 * the producer's header fields, and the message properties (UNIQ_KEY, WAIT). Computed by building the
 * request mqlab's producer would send, so the loopback probe's frames move the same bytes per request
 * as the sends they are compared with, whatever the header looks like after a change.
 */
import {createUniqueMessageId} from '../../runtime/message/message-id.js'
import {encodeFrame} from '../../runtime/remoting/frame-encoder.js'
import {generateMessages} from '../client/producer/message-generator.js'
import {prepareMessage} from '../client/producer/outgoing-message.js'
import {buildSendMessageRequest} from '../client/producer/send-message-request.js'

/** Frame bytes beyond the body of one send of a small body to `topic` on `brokerName` from `producerGroup`. */
export function sendRequestOverhead(topic: string, producerGroup = 'mqlab_bench_producer', brokerName = 'broker-a'): number {
  const [message] = generateMessages({topic, count: 1, size: 1})
  const prepared = prepareMessage(message!, {compressMsgBodyOverHowmuch: 4096, maxMessageSize: 4 * 1024 * 1024, createUniqId: createUniqueMessageId})
  const request = buildSendMessageRequest(
    prepared,
    {topic, brokerName, queueId: 0},
    {producerGroup, createTopicKey: 'TBW102', defaultTopicQueueNums: 4},
    Date.now(),
  )
  return encodeFrame(request).length - prepared.body.length
}
