/**
 * A name server's configuration: RocketMQ 4.9's NamesrvConfig and NettyServerConfig keys as users write
 * them in namesrv-*.properties.
 */
export interface NamesrvConfig {
  listenPort: number
  /** Address to bind. RocketMQ binds every interface; a lab binds one loopback address per simulated host. */
  bindAddress: string
  orderMessageEnable: boolean
  serverChannelMaxIdleTimeSeconds: number
  /** Where PUT_KV_CONFIG entries persist; defaults under the name server's store dir. */
  kvConfigPath: string | undefined
}

/** RocketMQ's defaults, bound to loopback. */
export function defaultNamesrvConfig(): NamesrvConfig {
  return {
    listenPort: 9876,
    bindAddress: '127.0.0.1',
    orderMessageEnable: false,
    serverChannelMaxIdleTimeSeconds: 120,
    kvConfigPath: undefined,
  }
}
