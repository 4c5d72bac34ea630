/** Every validation rule id mqlab reports, with what it checks: the list README and `mqlab validate --help` show. */

/** Where a rule runs: in one file (runtime/config, also at node start), across the lab (src/topology), or both. */
export type RuleScope = 'file' | 'lab' | 'file+lab'

/** One rule id. */
export interface RuleInfo {
  id: string
  scope: RuleScope
  summary: string
}

/** All rule ids, grouped as the issue groups them. */
export const ruleCatalogue: readonly RuleInfo[] = [
  // Files and keys
  {id: 'file-unreadable', scope: 'file', summary: 'a conf file cannot be read'},
  {id: 'file-empty', scope: 'file', summary: 'a conf file sets no keys'},
  {id: 'file-encoding', scope: 'file', summary: 'a byte-order mark (RocketMQ would read it as part of the first key)'},
  {id: 'lab-empty', scope: 'lab', summary: 'conf/ holds no .properties files'},
  {id: 'malformed-line', scope: 'file', summary: 'a line Java cannot load, or a key with no "=" and no value'},
  {id: 'unknown-key', scope: 'file', summary: 'a key RocketMQ 4.9 does not know, with a did-you-mean (listenport → listenPort)'},
  {id: 'duplicate-key', scope: 'file', summary: 'a key set twice (the later line wins, as in Java)'},
  {id: 'deprecated-key', scope: 'file', summary: 'an old spelling such as mapedFileSizeCommitLog (accepted; RocketMQ 4.9 ignores it)'},
  {id: 'key-ignored', scope: 'file', summary: "a real RocketMQ key mqlab's runtime does not model, or a RocketMQ 5 key"},
  {id: 'mqlab-only', scope: 'file', summary: 'an mqlab-only lab key (mqlabHa* opt-ins, mqlabDLeger* timings): a RocketMQ broker ignores it'},
  // Values
  {id: 'value-empty', scope: 'file', summary: 'a key with an empty value'},
  {id: 'value-whitespace', scope: 'file', summary: 'trailing whitespace RocketMQ would keep (numbers, booleans and enums then silently fall back to defaults)'},
  {id: 'value-number', scope: 'file', summary: 'not a whole number that fits the Java type'},
  {id: 'value-boolean', scope: 'file', summary: 'not true or false'},
  {id: 'value-enum', scope: 'file', summary: 'brokerRole / flushDiskType not one of their values'},
  {id: 'value-range', scope: 'file', summary: 'out of range: fileReservedTime > 0, maxMessageSize within the 16 MiB frame and one commitlog file, …'},
  {id: 'delete-when', scope: 'file', summary: 'deleteWhen not hours 00-23 separated by ";"'},
  {id: 'path-relative', scope: 'file', summary: 'a relative store path (resolved against the working directory)'},
  // Ports
  {id: 'port-range', scope: 'file', summary: "a port outside 1-65535, counting a broker's listenPort-2 and listenPort+1"},
  {id: 'ha-port', scope: 'file', summary: 'haListenPort other than listenPort+1 (RocketMQ 4.x forces it)'},
  {id: 'bind-address', scope: 'file', summary: "a name server's bindAddress that is not an address"},
  {
    id: 'port-overlap',
    scope: 'lab',
    summary: 'two nodes on one host address bind the same port (listenPort-2, listenPort, haListenPort, DLedger port); names both and proposes a free port',
  },
  // Stores
  {
    id: 'store-shared',
    scope: 'lab',
    summary: 'two nodes share or nest a store root, commitlog, consumequeue/index/checkpoint/abort/lock path, or name server kvConfigPath',
  },
  // Roles
  {id: 'role-broker-id', scope: 'file', summary: 'brokerId 0 ⇔ master: a SLAVE needs brokerId > 0; a master with another id is forced to 0 (warning)'},
  {id: 'master-duplicate', scope: 'lab', summary: 'more than one master in a brokerName'},
  {id: 'broker-id-duplicate', scope: 'lab', summary: 'two slaves with one brokerId in a brokerName'},
  {id: 'slave-without-master', scope: 'lab', summary: 'a SLAVE whose brokerName has no master in the lab'},
  {id: 'sync-master-without-slave', scope: 'lab', summary: 'a SYNC_MASTER with no slave: every send returns SLAVE_NOT_AVAILABLE (warning)'},
  {id: 'cluster-name', scope: 'lab', summary: 'more than one brokerClusterName (warning)'},
  // Name servers
  {id: 'namesrv-addr', scope: 'file', summary: 'namesrvAddr not host:port;host:port'},
  {id: 'namesrv-missing', scope: 'lab', summary: 'no name server in the lab (error), or a broker without namesrvAddr (warning)'},
  {id: 'namesrv-unknown', scope: 'lab', summary: 'namesrvAddr names an address that is not a name server of the lab (warning)'},
  {id: 'namesrv-partial', scope: 'lab', summary: 'a broker does not register with every name server of the lab (warning)'},
  // DLedger
  {id: 'dledger-disabled', scope: 'file', summary: 'DLedger keys without enableDLegerCommitLog=true (warning)'},
  {id: 'dledger-controller', scope: 'file', summary: 'enableDLegerCommitLog combined with enableControllerMode'},
  {id: 'dledger-group', scope: 'file+lab', summary: 'DLedger mode without dLegerGroup, or members of one brokerName / dLegerGroup that disagree'},
  {id: 'dledger-peers', scope: 'file+lab', summary: 'dLegerPeers missing, not nX-host:port;…, or different between members'},
  {id: 'dledger-self-id', scope: 'file+lab', summary: 'dLegerSelfId missing, not among the peers, or used twice'},
  {id: 'dledger-quorum', scope: 'lab', summary: 'fewer than 3 peers: no fault tolerance (warning)'},
  {id: 'dledger-member-missing', scope: 'lab', summary: 'a peer in dLegerPeers with no node in the lab (warning)'},
  {id: 'dledger-mixed', scope: 'lab', summary: 'one brokerName with both DLedger and classic brokers'},
  // Engines (src/engine: nodes on Apache RocketMQ)
  {
    id: 'jvm-binds-all',
    scope: 'lab',
    summary: 'a node on the apache engine (a JVM binds every interface) shares a port with a node on another loopback address',
  },
]
