/**
 * The one table of mqlab's exit codes. Every command exits through it; package.json's `oclif.exitCodes`
 * mirrors the parse-error entries (a unit test keeps them equal).
 */

/** Process exit codes. */
export const ExitCode = {
  /** Success (warnings allowed). */
  OK: 0,
  /** Unexpected failure: a bug or an error mqlab has no code for. */
  INTERNAL: 1,
  /** Bad command line: unknown flag, bad flag value, unknown template, missing argument. */
  USAGE: 2,
  /** `mqlab validate` (or a command that validates first) found errors in the lab. */
  VALIDATION_FAILED: 3,
  /** No lab in the directory. */
  LAB_NOT_FOUND: 4,
  /** The target already exists and --force was not given; nothing was written. */
  LAB_EXISTS: 5,
  /** A file or directory could not be read or written. */
  IO_ERROR: 6,
  /** A lab node failed: it exited while starting, never became ready, or would not stop. */
  NODE_FAILED: 7,
  /** A port a lab node needs is held by a process outside the lab; nothing was started. */
  PORT_IN_USE: 8,
  /** The command needs a running node (or lab) and it is not running. */
  NOT_RUNNING: 9,
  /** No name server answered (a dead or wrong --namesrv, or a lab whose name servers do not respond). */
  UNREACHABLE: 10,
  /** The topic is not known to the name servers. */
  TOPIC_NOT_FOUND: 11,
  /** The topic holds no messages to consume. */
  NO_MESSAGES: 12,
  /** Some messages of a send were not stored (each one's report says why). */
  SEND_FAILED: 13,
  /** A broker answered with an error, or no broker could do what was asked. */
  BROKER_ERROR: 14,
  /** Refused because it would break the lab's topology (a second master in a group, promoting while the master lives). */
  REFUSED: 15,
  /** The message asked for was not found, or the consumer group has no client online. */
  NOT_FOUND: 16,
  /** The engine a lab or command needs (Apache RocketMQ on the JVM) is not installed or cannot be installed: no Java, Java too old, no Maven, registry unreachable. */
  ENGINE_UNAVAILABLE: 17,
  /** Interrupted (Ctrl-C); what the command had started was stopped again. 128 + SIGINT, as shells report it. */
  INTERRUPTED: 130,
} as const

/** A value of ExitCode. */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode]

/** Stable error codes (what `--json` output and tests match on) and the exit code each maps to. */
export const errorExitCodes = {
  INTERNAL: ExitCode.INTERNAL,
  USAGE: ExitCode.USAGE,
  UNKNOWN_TEMPLATE: ExitCode.USAGE,
  TEMPLATE_REQUIRED: ExitCode.USAGE,
  BAD_TEMPLATE: ExitCode.INTERNAL,
  VALIDATION_FAILED: ExitCode.VALIDATION_FAILED,
  LAB_NOT_FOUND: ExitCode.LAB_NOT_FOUND,
  LAB_EXISTS: ExitCode.LAB_EXISTS,
  DIR_NOT_EMPTY: ExitCode.LAB_EXISTS,
  LAB_UNREADABLE: ExitCode.IO_ERROR,
  WRITE_FAILED: ExitCode.IO_ERROR,
  UNKNOWN_NODE: ExitCode.USAGE,
  NODE_START_FAILED: ExitCode.NODE_FAILED,
  NODE_NOT_READY: ExitCode.NODE_FAILED,
  NODE_STOP_FAILED: ExitCode.NODE_FAILED,
  PORT_IN_USE: ExitCode.PORT_IN_USE,
  NODE_NOT_RUNNING: ExitCode.NOT_RUNNING,
  INTERRUPTED: ExitCode.INTERRUPTED,
  // client commands (send, consume, topic, cluster, bench)
  INVALID_ARGUMENT: ExitCode.USAGE,
  MESSAGE_ILLEGAL: ExitCode.USAGE,
  LAB_NOT_RUNNING: ExitCode.NOT_RUNNING,
  NAMESRV_UNREACHABLE: ExitCode.UNREACHABLE,
  TOPIC_NOT_EXIST: ExitCode.TOPIC_NOT_FOUND,
  EMPTY_TOPIC: ExitCode.NO_MESSAGES,
  SEND_FAILED: ExitCode.SEND_FAILED,
  BROKER_ERROR: ExitCode.BROKER_ERROR,
  BROKER_NOT_FOUND: ExitCode.BROKER_ERROR,
  NO_WRITABLE_QUEUE: ExitCode.BROKER_ERROR,
  CREATE_TOPIC_FAILED: ExitCode.BROKER_ERROR,
  MESSAGE_NOT_FOUND: ExitCode.NOT_FOUND,
  CONSUMER_NOT_ONLINE: ExitCode.NOT_FOUND,
  // high availability (replication, promote, start of a superseded master)
  MASTER_CONFLICT: ExitCode.REFUSED,
  MASTER_ALIVE: ExitCode.REFUSED,
  NOT_A_SLAVE: ExitCode.USAGE,
  PROMOTE_FAILED: ExitCode.NODE_FAILED,
  // mqlab experiment run/compare: the verdict as Jepsen maps it (1 a check failed, 2 the run could not decide)
  CHECK_FAILED: ExitCode.INTERNAL,
  UNDECIDED: ExitCode.USAGE,
  SCENARIO_INVALID: ExitCode.USAGE,
  // mqlab relays on: the lab must be stopped while its files are pointed at the relays
  LAB_RUNNING: ExitCode.REFUSED,
  // engines (mqlab engine, a lab on Apache RocketMQ, mqlab admin)
  ENGINE_NOT_INSTALLED: ExitCode.ENGINE_UNAVAILABLE,
  JAVA_NOT_FOUND: ExitCode.ENGINE_UNAVAILABLE,
  JAVA_TOO_OLD: ExitCode.ENGINE_UNAVAILABLE,
  MAVEN_NOT_FOUND: ExitCode.ENGINE_UNAVAILABLE,
  REGISTRY_UNREACHABLE: ExitCode.ENGINE_UNAVAILABLE,
  ENGINE_VERSION_NOT_SERVED: ExitCode.ENGINE_UNAVAILABLE,
  ENGINE_INSTALL_FAILED: ExitCode.ENGINE_UNAVAILABLE,
  UNKNOWN_ENGINE: ExitCode.USAGE,
} as const

/** A stable error code. */
export type ErrorCode = keyof typeof errorExitCodes

/** The exit code for an error code. */
export function exitCodeFor(code: ErrorCode): ExitCodeValue {
  return errorExitCodes[code]
}

/** What package.json's `oclif.exitCodes` must say: oclif's own parse errors are usage errors, anything else internal. */
export const oclifExitCodes = {
  default: ExitCode.INTERNAL,
  failedFlagParsing: ExitCode.USAGE,
  failedFlagValidation: ExitCode.USAGE,
  violatedFlagConstraint: ExitCode.USAGE,
  invalidArgsSpec: ExitCode.USAGE,
  nonExistentFlag: ExitCode.USAGE,
  requiredArgs: ExitCode.USAGE,
  unexpectedArgs: ExitCode.USAGE,
} as const
