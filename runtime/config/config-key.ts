/**
 * The shape of a configuration key catalogue entry: what mqlab knows about one key users may write in a
 * broker or name server .properties file.
 */

/** How a value is parsed. `int`/`long` follow Java's Integer/Long.parseInt; `path` is a string resolved against the working directory. */
export type ConfigKeyType = 'int' | 'long' | 'bool' | 'enum' | 'string' | 'path'

/**
 * Where a key comes from. `rocketmq`: a property of RocketMQ 4.9.8's BrokerConfig, NettyServerConfig,
 * NettyClientConfig, MessageStoreConfig or NamesrvConfig (keys are the setter names, MixAll.properties2Object);
 * `rocketmq-5`: only RocketMQ 5 knows it (4.9 ignores it); `mqlab`: mqlab's own addition (RocketMQ ignores it).
 */
export type ConfigKeyOrigin = 'rocketmq' | 'rocketmq-5' | 'mqlab'

/** One known key. */
export interface ConfigKey {
  name: string
  type: ConfigKeyType
  /** Allowed values for `enum` keys (case-sensitive, as Java's Enum.valueOf). */
  values?: readonly string[]
  /** The default as a .properties value would spell it; undefined when RocketMQ has none (or derives it). */
  default?: string
  /** One line for humans (`mqlab validate`, generated file comments). */
  description: string
  origin: ConfigKeyOrigin
  /** RocketMQ class holding the property, for cross-reference. */
  source?: 'BrokerConfig' | 'NettyServerConfig' | 'NettyClientConfig' | 'MessageStoreConfig' | 'NamesrvConfig'
  /** Older spellings still accepted (with a warning). */
  aliases?: readonly string[]
  /** False when mqlab's runtime accepts the key but gives it no effect. */
  modelled: boolean
  /** Inclusive numeric bounds checked by the loaders (`value-range`). */
  min?: number
  max?: number
}

/** An old key spelling and the version that stopped reading it. */
export interface KeyAlias {
  alias: string
  name: string
  note: string
}
