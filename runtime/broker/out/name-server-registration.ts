import type {BrokerConfig} from '../../config/broker-config.js'
import type {TopicConfigManager} from '../topic/topic-config-manager.js'
import {isReadable, isWriteable} from '../topic/perm-name.js'
import type {BrokerIdentity, BrokerOuterAPI, RegisterBrokerResult} from './broker-outer-api.js'

/** What the registration needs from the broker. */
export interface NameServerRegistrationDeps {
  outerAPI: BrokerOuterAPI
  /** Live configuration (namesrvAddr, identity and brokerPermission are read at each registration). */
  config: BrokerConfig
  topicConfigManager: TopicConfigManager
  /** brokerIP1:listenPort as bound. */
  brokerAddr(): string
  /** Registrations stop once the broker stops running. */
  isRunning(): boolean
}

/**
 * The broker's side of the name-server relationship (BrokerController.registerBrokerAll and
 * unregisterBrokerAll): who it is, which addresses, and coalescing — concurrent requests share one
 * registration, followed by exactly one more when topics changed meanwhile.
 */
export class NameServerRegistration {
  private registering: Promise<void> | undefined
  private again = false
  private readonly listeners: Array<(results: RegisterBrokerResult[]) => void> = []

  constructor(private readonly deps: NameServerRegistrationDeps) {}

  /** Hears each registration's answers (a slave learns its master's addresses from them). */
  onResults(listener: (results: RegisterBrokerResult[]) => void): void {
    this.listeners.push(listener)
  }

  /** The name-server addresses from namesrvAddr (`host:port;host:port`). */
  namesrvAddrs(): string[] {
    return (this.deps.config.namesrvAddr ?? '')
      .split(';')
      .map((s) => s.trim())
      .filter((s) => s !== '')
  }

  /** The broker as the name servers know it. */
  identity(): BrokerIdentity {
    const c = this.deps.config
    return {
      clusterName: c.brokerClusterName,
      brokerName: c.brokerName,
      brokerId: c.brokerId,
      brokerAddr: this.deps.brokerAddr(),
      haServerAddr: `${c.brokerIP2}:${c.haListenPort}`,
    }
  }

  /** Registers with every name server and awaits the answers. */
  registerBrokerAll(): Promise<void> {
    if (this.registering) {
      this.again = true
      return this.registering
    }
    this.registering = (async () => {
      try {
        do {
          this.again = false
          await this.registerOnce()
        } while (this.again && this.deps.isRunning())
      } finally {
        this.registering = undefined
      }
    })()
    return this.registering
  }

  /** Unregisters from every name server (graceful shutdown). */
  unregisterBrokerAll(): Promise<void> {
    return this.deps.outerAPI.unregisterBrokerAll(this.namesrvAddrs(), this.identity())
  }

  private async registerOnce(): Promise<void> {
    const addrs = this.namesrvAddrs()
    if (addrs.length === 0 || !this.deps.isRunning()) return
    const {config} = this.deps
    const wrapper = this.deps.topicConfigManager.buildSerializeWrapper()
    // A broker that lost read or write permission advertises it on every topic (registerBrokerAll).
    if (!isWriteable(config.brokerPermission) || !isReadable(config.brokerPermission)) {
      for (const tc of Object.values(wrapper.topicConfigTable)) tc.perm = config.brokerPermission
    }
    const results = await this.deps.outerAPI.registerBrokerAll(addrs, this.identity(), wrapper)
    for (const listener of this.listeners) listener(results)
  }
}
