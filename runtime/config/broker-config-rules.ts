/**
 * Per-file broker checks that look at more than one value, and RocketMQ 4.9's start-up adjustments
 * (broker/…/BrokerStartup.java at rocketmq-all-4.9.8): a master's brokerId is forced to 0, a SLAVE needs
 * brokerId > 0, DLedger mode sets brokerId -1, and haListenPort is forced to listenPort + 1.
 */
import type {BrokerConfig} from './broker-config.js'
import type {ConfigProblem} from './config-problem.js'
import {parseDLedgerPeers, isDLedgerId} from './dledger-peers.js'
import {parseNamesrvAddr} from './namesrv-addr.js'

/** The largest remoting frame (NettyDecoder: 16 MiB), including the header. */
export const MAX_FRAME_SIZE = 16 * 1024 * 1024
/**
 * Room a send request needs besides its body: the header carries the properties string (at most
 * Short.MAX_VALUE bytes, MessageDecoder) plus topic and fields; 64 KiB covers it with margin.
 */
export const FRAME_HEADER_ALLOWANCE = 64 * 1024

/** Where each key was written, for problems about it. */
export type KeyLines = ReadonlyMap<string, number>

/** Applies the rules to an already-typed config, adjusting it as RocketMQ does, and returns the problems. */
export function applyBrokerRules(config: BrokerConfig, present: KeyLines, file: string): ConfigProblem[] {
  const problems: ConfigProblem[] = []
  const at = (key: string) => ({file, line: present.get(key), key})
  const err = (rule: string, key: string, message: string, fix?: string) => problems.push({severity: 'error', rule, ...at(key), message, fix})
  const warn = (rule: string, key: string, message: string, fix?: string) => problems.push({severity: 'warning', rule, ...at(key), message, fix})

  // Ports: the broker also binds listenPort-2 (fast channel, BrokerController) and listenPort+1 (HA).
  if (config.listenPort < 3 || config.listenPort > 65534) {
    err(
      'port-range',
      'listenPort',
      `listenPort ${config.listenPort} leaves no room for the fast channel (listenPort-2) and haListenPort (listenPort+1)`,
      'use a listenPort from 3 to 65534, e.g. 10911',
    )
  }
  if (present.has('haListenPort') && config.haListenPort !== config.listenPort + 1) {
    err(
      'ha-port',
      'haListenPort',
      `haListenPort ${config.haListenPort} is not listenPort+1: RocketMQ 4.x ignores it and uses ${config.listenPort + 1}`,
      `write haListenPort=${config.listenPort + 1}, or delete the line`,
    )
  }
  config.haListenPort = config.listenPort + 1

  // Roles.
  if (config.brokerRole === 'SLAVE') {
    if (config.brokerId <= 0) {
      err(
        'role-broker-id',
        present.has('brokerId') ? 'brokerId' : 'brokerRole',
        `a SLAVE needs brokerId > 0 (brokerId is ${config.brokerId}); RocketMQ exits with "Slave's brokerId must be > 0"`,
        'give the slave brokerId=1 (or the next free id of its brokerName)',
      )
    }
  } else {
    if (config.brokerId !== 0) {
      warn(
        'role-broker-id',
        'brokerId',
        `brokerId ${config.brokerId} on a ${config.brokerRole}: RocketMQ forces a master's brokerId to 0`,
        'write brokerId=0, or brokerRole=SLAVE if this is a slave',
      )
    }
    config.brokerId = 0
  }

  // Values that depend on each other.
  if (present.has('namesrvAddr') && config.namesrvAddr !== undefined) {
    const parsed = parseNamesrvAddr(config.namesrvAddr)
    if (!parsed.ok) {
      err(
        'namesrv-addr',
        'namesrvAddr',
        `malformed: ${parsed.error}; RocketMQ exits with "The Name Server Address illegal"`,
        'write host:port;host:port, e.g. 127.0.0.1:9876;127.0.0.1:9877',
      )
    }
  }
  checkDeleteWhen(config.deleteWhen, (m, f) => err('delete-when', 'deleteWhen', m, f))
  const maxBody = MAX_FRAME_SIZE - FRAME_HEADER_ALLOWANCE
  if (config.maxMessageSize > maxBody) {
    err(
      'value-range',
      'maxMessageSize',
      `maxMessageSize ${config.maxMessageSize} does not fit the 16 MiB remoting frame with its header`,
      `use at most ${maxBody} (the default is 4194304)`,
    )
  } else if (config.maxMessageSize + FRAME_HEADER_ALLOWANCE > config.mappedFileSizeCommitLog) {
    err(
      'value-range',
      present.has('mappedFileSizeCommitLog') ? 'mappedFileSizeCommitLog' : 'maxMessageSize',
      `a message of maxMessageSize (${config.maxMessageSize}) would not fit one commitlog file of mappedFileSizeCommitLog (${config.mappedFileSizeCommitLog})`,
      `make mappedFileSizeCommitLog at least ${config.maxMessageSize + FRAME_HEADER_ALLOWANCE}, or lower maxMessageSize`,
    )
  }

  // DLedger.
  if (config.enableDLegerCommitLog) {
    checkDLedger(config, present, err)
    // BrokerStartup: in DLedger mode the file's brokerId is replaced; raft decides master (0) or slave (n + 1).
    config.brokerId = -1
  } else {
    for (const k of ['dLegerGroup', 'dLegerPeers', 'dLegerSelfId']) {
      if (present.has(k))
        warn(
          'dledger-disabled',
          k,
          `${k} has no effect because enableDLegerCommitLog is not true`,
          'write enableDLegerCommitLog=true, or delete the DLedger keys',
        )
    }
  }
  return problems
}

type Report = (rule: string, key: string, message: string, fix?: string) => void

function checkDLedger(config: BrokerConfig, present: KeyLines, err: Report): void {
  if (config.enableControllerMode) {
    err(
      'dledger-controller',
      'enableControllerMode',
      'enableControllerMode cannot be combined with enableDLegerCommitLog: choose one way of electing the master',
      'delete enableControllerMode (RocketMQ 4.9 has no controller mode)',
    )
  }
  if (!config.dLegerGroup) err('dledger-group', 'enableDLegerCommitLog', 'DLedger mode needs dLegerGroup', `write dLegerGroup=${config.brokerName}`)
  if (!config.dLegerPeers) {
    err(
      'dledger-peers',
      'enableDLegerCommitLog',
      'DLedger mode needs dLegerPeers',
      'write dLegerPeers=n0-127.0.0.1:40911;n1-127.0.0.1:40912;n2-127.0.0.1:40913',
    )
    return
  }
  const parsed = parseDLedgerPeers(config.dLegerPeers)
  if (!parsed.ok) {
    err('dledger-peers', 'dLegerPeers', `malformed: ${parsed.error}`, 'write nX-host:port;… e.g. n0-127.0.0.1:40911;n1-127.0.0.1:40912;n2-127.0.0.1:40913')
    return
  }
  const ids = parsed.peers.map((p) => p.id)
  if (!config.dLegerSelfId) {
    err('dledger-self-id', 'enableDLegerCommitLog', 'DLedger mode needs dLegerSelfId', `write dLegerSelfId=${ids[0]} (one of ${ids.join(', ')})`)
  } else if (!isDLedgerId(config.dLegerSelfId)) {
    err(
      'dledger-self-id',
      'dLegerSelfId',
      `dLegerSelfId ${JSON.stringify(config.dLegerSelfId)} must be one letter and digits (RocketMQ derives the slave brokerId from the digits)`,
      `use one of ${ids.join(', ')}`,
    )
  } else if (!ids.includes(config.dLegerSelfId)) {
    err('dledger-self-id', 'dLegerSelfId', `dLegerSelfId ${config.dLegerSelfId} is not among dLegerPeers (${ids.join(', ')})`, `use one of ${ids.join(', ')}`)
  }
  if (config.preferredLeaderId && !ids.includes(config.preferredLeaderId)) {
    err(
      'dledger-self-id',
      'preferredLeaderId',
      `preferredLeaderId ${config.preferredLeaderId} is not among dLegerPeers (${ids.join(', ')})`,
      `use one of ${ids.join(', ')}, or delete the line`,
    )
  }
}

/** deleteWhen is `HH` or `HH;HH…` with hours 0-23 (UtilAll.isItTimeToDo parses each with Integer.parseInt). */
export function checkDeleteWhen(value: string, report: (message: string, fix: string) => void): void {
  const bad = value.split(';').find((h) => !/^\d{1,2}$/.test(h) || Number(h) > 23)
  if (bad !== undefined) {
    report(
      `deleteWhen ${JSON.stringify(value)}: ${JSON.stringify(bad)} is not an hour from 00 to 23, so expired files are never deleted`,
      'write hours like 04 or 04;16',
    )
  }
}
