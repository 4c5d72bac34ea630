/** LabWire over runtime/remoting's RemotingClient, with the shared ClusterInfo and KVTable codecs. */
import {decodeClusterInfo, type ClusterInfo} from '../../runtime/remoting/body/cluster-info.js'
import {decodeHaStatus, type HaStatus} from '../../runtime/remoting/body/ha-status.js'
import {decodeKVTable} from '../../runtime/remoting/body/kv-table.js'
import {RemotingClient} from '../../runtime/remoting/remoting-client.js'
import {createRequest, type RemotingCommand} from '../../runtime/remoting/remoting-command.js'
import {RequestCode} from '../../runtime/remoting/request-code.js'
import {ResponseCode, responseCodeName} from '../../runtime/remoting/response-code.js'
import type {LabWire} from './lab-wire.js'

/** The real LabWire. */
export class RemotingLabWire implements LabWire {
  private readonly client: RemotingClient

  /** `connectTimeoutMs` is short: every address is on this machine, so a slow connect means nobody listens. */
  constructor(options: {connectTimeoutMs?: number} = {}) {
    this.client = new RemotingClient({connectTimeoutMs: options.connectTimeoutMs ?? 1000})
  }

  async clusterInfo(addr: string, timeoutMs: number): Promise<ClusterInfo> {
    const response = await this.invoke(addr, RequestCode.GET_BROKER_CLUSTER_INFO, timeoutMs)
    return response.body === undefined || response.body.length === 0 ? {brokerAddrTable: {}, clusterAddrTable: {}} : decodeClusterInfo(response.body)
  }

  async brokerRuntimeInfo(addr: string, timeoutMs: number): Promise<Record<string, string>> {
    const response = await this.invoke(addr, RequestCode.GET_BROKER_RUNTIME_INFO, timeoutMs)
    return response.body === undefined || response.body.length === 0 ? {} : decodeKVTable(response.body).table
  }

  async rawRequest(addr: string, code: number, body: Buffer, timeoutMs: number): Promise<Buffer | undefined> {
    const response = await this.client.invoke(addr, createRequest(code, undefined, body), timeoutMs)
    return response.body
  }

  async haStatus(addr: string, timeoutMs: number): Promise<HaStatus | undefined> {
    const response = await this.client.invoke(addr, createRequest(RequestCode.MQLAB_GET_HA_STATUS), timeoutMs)
    if (response.code === ResponseCode.REQUEST_CODE_NOT_SUPPORTED || !response.body) return undefined
    if (response.code !== ResponseCode.SUCCESS) throw new Error(`${addr} answered ${responseCodeName(response.code)} (${response.code})`)
    return decodeHaStatus(response.body)
  }

  close(): Promise<void> {
    return this.client.close()
  }

  private async invoke(addr: string, code: number, timeoutMs: number): Promise<RemotingCommand> {
    const response = await this.client.invoke(addr, createRequest(code), timeoutMs)
    if (response.code !== ResponseCode.SUCCESS) {
      throw new Error(`${addr} answered ${responseCodeName(response.code)} (${response.code})${response.remark ? `: ${response.remark}` : ''}`)
    }
    return response
  }
}
