/**
 * Asks one broker how its replication stands. mqlab's brokers answer MQLAB_GET_HA_STATUS (10201) with
 * a HaStatus. RocketMQ 4.9 has no such request (a real broker answers REQUEST_CODE_NOT_SUPPORTED); then
 * the sample falls back to what a 4.9.8 broker does report: commitLogMaxOffset from
 * GET_BROKER_RUNTIME_INFO (AdminBrokerProcessor.prepareRuntimeInfo / DefaultMessageStore.getRuntimeInfo
 * carry no HA keys) and brokerRole from GET_BROKER_CONFIG. Never throws: a failure is a sample too.
 */
import {decodeHaStatus, type HaRole, type HaStatus} from '../../../runtime/remoting/body/ha-status.js'
import {decodeKVTable} from '../../../runtime/remoting/body/kv-table.js'
import {createRequest} from '../../../runtime/remoting/remoting-command.js'
import {RequestCode} from '../../../runtime/remoting/request-code.js'
import {ResponseCode, responseCodeName} from '../../../runtime/remoting/response-code.js'
import type {RemotingInvoker} from '../remoting-invoker.js'

/** One broker's replication sample. */
export type BrokerHaSample =
  /** An mqlab broker: the full status. `receivedAt` is the client's clock when it arrived. */
  | {addr: string; source: 'mqlab'; status: HaStatus; receivedAt: number}
  /** Any RocketMQ 4.x broker: what its runtime info and config say. */
  | {addr: string; source: 'runtime-info'; maxPhyOffset: number | null; role: HaRole | null; receivedAt: number}
  /** The broker could not be asked. */
  | {addr: string; source: 'error'; error: string; receivedAt: number}

/** What a sample needs: a remoting client and the client's clock. */
export interface HaFetchDeps {
  remoting: RemotingInvoker
  now: () => number
  timeoutMs: number
}

/** Samples the broker at `addr`. */
export async function fetchHaSample(addr: string, deps: HaFetchDeps): Promise<BrokerHaSample> {
  try {
    const response = await deps.remoting.invoke(addr, createRequest(RequestCode.MQLAB_GET_HA_STATUS), deps.timeoutMs)
    if (response.code === ResponseCode.SUCCESS) {
      if (response.body === undefined) return failed(addr, 'an empty HA status', deps)
      return {addr, source: 'mqlab', status: decodeHaStatus(response.body), receivedAt: deps.now()}
    }
    if (response.code !== ResponseCode.REQUEST_CODE_NOT_SUPPORTED) return failed(addr, answered(response.code, response.remark), deps)
    return await fromRuntimeInfo(addr, deps)
  } catch (err) {
    return failed(addr, err instanceof Error ? err.message : String(err), deps)
  }
}

/** The RocketMQ 4.9 fallback: commitLogMaxOffset, and brokerRole when the config can be read. */
async function fromRuntimeInfo(addr: string, deps: HaFetchDeps): Promise<BrokerHaSample> {
  const [info, config] = await Promise.all([
    deps.remoting.invoke(addr, createRequest(RequestCode.GET_BROKER_RUNTIME_INFO), deps.timeoutMs),
    deps.remoting.invoke(addr, createRequest(RequestCode.GET_BROKER_CONFIG), deps.timeoutMs).catch(() => undefined),
  ])
  if (info.code !== ResponseCode.SUCCESS) return failed(addr, answered(info.code, info.remark), deps)
  const table = info.body === undefined ? {} : decodeKVTable(info.body).table
  const offset = Number(table.commitLogMaxOffset)
  const role = config?.code === ResponseCode.SUCCESS && config.body !== undefined ? roleFromConfig(config.body.toString('utf8')) : null
  return {
    addr,
    source: 'runtime-info',
    maxPhyOffset: table.commitLogMaxOffset !== undefined && Number.isFinite(offset) ? offset : null,
    role,
    receivedAt: deps.now(),
  }
}

/** brokerRole from GET_BROKER_CONFIG's `key=value` lines (MixAll.properties2String). */
export function roleFromConfig(text: string): HaRole | null {
  const m = /^brokerRole=(ASYNC_MASTER|SYNC_MASTER|SLAVE)\s*$/m.exec(text)
  return (m?.[1] as HaRole | undefined) ?? null
}

function failed(addr: string, error: string, deps: HaFetchDeps): BrokerHaSample {
  return {addr, source: 'error', error, receivedAt: deps.now()}
}

function answered(code: number, remark: string | undefined): string {
  return `answered ${responseCodeName(code)} (${code})${remark ? `: ${remark}` : ''}`
}
