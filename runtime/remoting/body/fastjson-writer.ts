/**
 * Pieces of fastjson's output that JSON.stringify does not produce. RocketMQ bodies are written by
 * fastjson (RemotingSerializable.encode → JSON.toJSONString) with its default features: fields sorted
 * by name, enums by name, nulls left out; doubles as Java prints them ("0.0", "1.5", "1.0E7"); and maps
 * keyed by an object with that object written as the key (see fastjson-reader.ts).
 */
import type {MessageQueue} from './lock-batch-request-body.js'

/** A double as Java's Double.toString prints it: always a fraction, E notation below 1e-3 and from 1e7. */
export function javaDouble(x: number): string {
  if (!Number.isFinite(x)) return 'null'
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0'
  const abs = Math.abs(x)
  if (abs >= 1e-3 && abs < 1e7) return Number.isInteger(x) ? `${x}.0` : String(x)
  const [mantissa, exponent] = x.toExponential().split('e') as [string, string]
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${Number(exponent)}`
}

/** A MessageQueue as fastjson writes it: brokerName, queueId, topic. */
export function messageQueueJson(mq: MessageQueue): string {
  return JSON.stringify({brokerName: mq.brokerName, queueId: mq.queueId, topic: mq.topic})
}

/** A map keyed by message queues: `{{mq}:value,…}` with values already written. */
export function messageQueueMapJson(rows: ReadonlyArray<readonly [MessageQueue, string]>): string {
  return `{${rows.map(([mq, v]) => `${messageQueueJson(mq)}:${v}`).join(',')}}`
}
