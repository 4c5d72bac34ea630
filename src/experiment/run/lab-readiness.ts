/**
 * Waiting for a lab to be ready for an experiment, before the clock starts: the topic on every master,
 * every slave's HA link up, every slave knowing the topic (a slave copies its master's topics every
 * 10 s; until then it answers a pull TOPIC_NOT_EXIST, as RocketMQ's does, and a master killed inside
 * that window would measure the lab's start, not the fault).
 */
import {setTimeout as sleep} from 'node:timers/promises'
import {collectReplication} from '../../client/admin/ha-admin.js'
import {MQAdmin} from '../../client/admin/mq-admin.js'
import {decodeTopicConfigSerializeWrapper} from '../../../runtime/remoting/body/topic-config-serialize-wrapper.js'
import {createRequest} from '../../../runtime/remoting/remoting-command.js'
import {RequestCode} from '../../../runtime/remoting/request-code.js'
import {ResponseCode} from '../../../runtime/remoting/response-code.js'

async function until(what: string, timeoutMs: number, condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (await condition().catch(() => false)) return
    if (Date.now() > deadline) throw new Error(`the lab was not ready in ${Math.round(timeoutMs / 1000)} s: ${what}`)
    await sleep(200)
  }
}

export async function prepareTopic(
  namesrvAddr: string,
  topic: string,
  queues: number,
  options: {classicHa: boolean; timeoutMs?: number} = {classicHa: true},
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 60_000
  const admin = new MQAdmin({namesrvAddr})
  try {
    await until('the brokers to register', timeoutMs, async () => Object.keys((await admin.clusterInfo()).brokerAddrTable).length > 0)
    await until(`topic ${topic} to be created on every master`, timeoutMs, async () => {
      const r = await admin.createTopic({topic, readQueueNums: queues, writeQueueNums: queues})
      return r.brokers.length > 0 && r.brokers.every((b) => b.ok)
    })
    // DLedger members replicate through raft, not the classic HA link.
    if (options.classicHa)
      await until('every slave to connect to its master', timeoutMs, async () => {
        const report = await collectReplication(admin, {messageLag: false})
        return report.groups.every((g) => g.master !== null && g.slaves.every((s) => s.connectionState === 'CONNECTED'))
      })
    const knows = async (addr: string) => {
      const response = await admin.client.remoting.invoke(addr, createRequest(RequestCode.GET_ALL_TOPIC_CONFIG), 3000)
      if (response.code !== ResponseCode.SUCCESS || response.body === undefined) return false
      return decodeTopicConfigSerializeWrapper(response.body.toString('utf8')).topicConfigTable[topic] !== undefined
    }
    await until(`every slave to copy topic ${topic} from its master`, timeoutMs, async () => {
      const info = await admin.clusterInfo()
      const slaves = Object.values(info.brokerAddrTable).flatMap((b) =>
        Object.entries(b.brokerAddrs)
          .filter(([id]) => id !== '0')
          .map(([, a]) => a),
      )
      return (await Promise.all(slaves.map((a) => knows(a).catch(() => false)))).every(Boolean)
    })
  } finally {
    await admin.close()
  }
}
