/**
 * Every name server key mqlab models (apache/rocketmq tag rocketmq-all-4.9.8:
 * common/…/namesrv/NamesrvConfig.java, remoting/…/NettyServerConfig.java, namesrv/…/NamesrvStartup.java).
 */
import type {ConfigKey} from './config-key.js'

/** The name server keys mqlab reads, in the order generated files write them. */
export const namesrvConfigKeys: readonly ConfigKey[] = [
  {
    name: 'listenPort',
    type: 'int',
    default: '9876',
    description: 'client and broker port (NamesrvStartup sets 9876)',
    origin: 'rocketmq',
    source: 'NettyServerConfig',
    modelled: true,
    min: 0,
    max: 65535,
  },
  {
    // RocketMQ 4.9.8's NettyServerConfig has no bind-address property: NettyRemotingServer binds
    // `new InetSocketAddress(listenPort)`, i.e. every interface. A lab needs one loopback address per
    // simulated host, so mqlab adds this key; a real name server ignores it and binds all interfaces.
    name: 'bindAddress',
    type: 'string',
    default: '127.0.0.1',
    description: 'mqlab only: address to bind (a real RocketMQ name server ignores it and binds every interface)',
    origin: 'mqlab',
    modelled: true,
  },
  {
    name: 'kvConfigPath',
    type: 'path',
    default: undefined,
    description: 'where PUT_KV_CONFIG entries persist (RocketMQ default: ~/namesrv/kvConfig.json)',
    origin: 'rocketmq',
    source: 'NamesrvConfig',
    modelled: true,
  },
  {
    name: 'orderMessageEnable',
    type: 'bool',
    default: 'false',
    description: 'serve ORDER_TOPIC_CONFIG kv entries with routes',
    origin: 'rocketmq',
    source: 'NamesrvConfig',
    modelled: true,
  },
  {
    name: 'serverChannelMaxIdleTimeSeconds',
    type: 'int',
    default: '120',
    description: 'seconds before an idle connection is closed',
    origin: 'rocketmq',
    source: 'NettyServerConfig',
    modelled: true,
    min: 1,
  },
]
