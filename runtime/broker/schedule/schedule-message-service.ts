import type {Logger} from '../../common/logger.js'
import {decodeMessage} from '../../message/message-decoder.js'
import type {MessageStore, PutMessageStatus} from '../../store/message-store.js'
import {parseFastjson} from '../../remoting/body/fastjson-text.js'
import {ConfigManager, type ConfigFileStore} from '../config/config-manager.js'
import type {Timers} from '../../common/timers.js'
import {RMQ_SYS_SCHEDULE_TOPIC} from '../topic/topic-validator.js'
import {parseDelayLevel} from './delay-level-table.js'
import {delayLevel2QueueId, toDeliveredMessage} from './delay-message.js'

/** Retry pause after a failed re-delivery (ScheduleMessageService.DELAY_FOR_A_PERIOD). */
const DELAY_FOR_A_PERIOD_MS = 10_000
const BATCH = 32
/** The consumer group name the service reads SCHEDULE_TOPIC_XXXX under (only used for store stats). */
const SCHEDULE_GROUP = 'SCHEDULE_CONSUMER'
const STORED: ReadonlySet<PutMessageStatus> = new Set(['PUT_OK', 'FLUSH_DISK_TIMEOUT', 'FLUSH_SLAVE_TIMEOUT', 'SLAVE_NOT_AVAILABLE'])

interface LevelState {
  running: boolean
  /** An arrival came in while a pass was running: run again. */
  again: boolean
  timer: unknown
}

/**
 * Delayed delivery (RocketMQ store/schedule/ScheduleMessageService.java): messages parked in
 * SCHEDULE_TOPIC_XXXX (queue = delay level − 1) are re-put to their REAL_TOPIC/REAL_QID once
 * storeTimestamp + the level's delay has passed. One reader per level, in queue order (delivery times
 * grow with queue offsets), sleeping on a timer until the next message is due, or until the store
 * announces a new scheduled message. Progress is kept per level in config/delayOffset.json.
 * Consumer retries (CONSUMER_SEND_MSG_BACK with delay level 3 + reconsumeTimes) go through here.
 */
export class ScheduleMessageService extends ConfigManager {
  /** Delay of each level in ms; index 0 is level 1. */
  readonly delayLevels: number[]
  private readonly offsets = new Map<number, number>()
  private changes = 0
  private persistedChanges = 0
  private readonly levels = new Map<number, LevelState>()
  private started = false

  constructor(
    private readonly store: MessageStore,
    messageDelayLevel: string,
    private readonly timers: Timers,
    files: ConfigFileStore,
    logger?: Logger,
  ) {
    super(files, 'delayOffset.json', logger)
    this.delayLevels = parseDelayLevel(messageDelayLevel)
  }

  /** The highest delay level (18 with the default table). */
  get maxDelayLevel(): number {
    return this.delayLevels.length
  }

  /** Starts delivering every level; a SLAVE never starts it (its master delivers). */
  start(): void {
    if (this.started) return
    this.started = true
    for (let level = 1; level <= this.maxDelayLevel; level++) {
      this.levels.set(level, {running: false, again: false, timer: undefined})
      this.kick(level)
    }
  }

  /** Stops every timer; in-flight deliveries finish their current message. */
  shutdown(): void {
    this.started = false
    for (const s of this.levels.values()) this.timers.clearTimeout(s.timer)
    this.levels.clear()
  }

  /** Called for every dispatched message: a new scheduled message wakes its level if idle. */
  onMessageArrived(topic: string, queueId: number): void {
    if (topic !== RMQ_SYS_SCHEDULE_TOPIC) return
    this.kick(queueId + 1)
  }

  /** The next queue offset to deliver for a level. */
  offsetOf(level: number): number {
    return this.offsets.get(level) ?? 0
  }

  /** Persists delayOffset.json only when a level advanced since the last persist (the periodic flush). */
  async persistIfChanged(): Promise<void> {
    const at = this.changes
    if (at === this.persistedChanges) return
    await this.persist()
    this.persistedChanges = Math.max(this.persistedChanges, at)
  }

  /** `scheduleMessageOffset_<level>` = "delivered,max" as RocketMQ adds to the runtime info. */
  buildRunningStats(): Record<string, string> {
    const out: Record<string, string> = {}
    for (let level = 1; level <= this.maxDelayLevel; level++) {
      const max = this.store.getMaxOffsetInQueue(RMQ_SYS_SCHEDULE_TOPIC, delayLevel2QueueId(level))
      out[`scheduleMessageOffset_${level}`] = `${this.offsetOf(level)},${max}`
    }
    return out
  }

  /** delayOffset.json / GET_ALL_DELAY_OFFSET body (DelayOffsetSerializeWrapper). */
  override encode(): string {
    const offsetTable: Record<string, number> = {}
    for (const [level, offset] of [...this.offsets].sort((a, b) => a[0] - b[0])) offsetTable[String(level)] = offset
    return JSON.stringify({offsetTable}, null, '\t')
  }

  /** A slave takes its master's delay offsets (SlaveSynchronize.syncDelayOffset); throws on bad JSON. */
  replaceFromJson(text: string): void {
    this.decode(text)
    this.changes++
    this.persistInBackground()
  }

  protected override decode(text: string): void {
    const parsed = parseFastjson(text) as {offsetTable?: unknown} | null
    const table = parsed?.offsetTable ?? {}
    if (typeof table !== 'object' || table === null) throw new Error('offsetTable is not an object')
    for (const [level, offset] of Object.entries(table as Record<string, unknown>)) {
      const l = Number(level)
      const o = Number(offset)
      if (!Number.isInteger(l) || !Number.isInteger(o)) throw new Error(`bad entry ${level}:${String(offset)}`)
      this.offsets.set(l, o)
    }
  }

  private setOffset(level: number, offset: number): void {
    this.offsets.set(level, offset)
    this.changes++
  }

  private kick(level: number): void {
    const state = this.levels.get(level)
    if (!state || !this.started) return
    if (state.running) {
      state.again = true
      return
    }
    if (state.timer !== undefined) return // waiting for a message that is not due yet; later ones are due later
    void this.deliver(level, state)
  }

  private schedule(level: number, state: LevelState, ms: number): void {
    state.timer = this.timers.setTimeout(() => {
      state.timer = undefined
      this.kick(level)
    }, ms)
  }

  private async deliver(level: number, state: LevelState): Promise<void> {
    state.running = true
    try {
      do {
        state.again = false
        const wait = await this.deliverDue(level)
        if (wait !== undefined) {
          if (this.started) this.schedule(level, state, wait)
          return
        }
      } while (state.again && this.started)
    } catch (error) {
      this.logger.error(`delivering delay level ${level} failed`, error)
      if (this.started) this.schedule(level, state, DELAY_FOR_A_PERIOD_MS)
    } finally {
      state.running = false
    }
  }

  /** Delivers every due message of a level; returns ms until the next one is due, or undefined when the queue is drained. */
  private async deliverDue(level: number): Promise<number | undefined> {
    const delay = this.delayLevels[level - 1]!
    const queueId = delayLevel2QueueId(level)
    while (this.started) {
      const offset = this.offsetOf(level)
      const result = await this.store.getMessage(SCHEDULE_GROUP, RMQ_SYS_SCHEDULE_TOPIC, queueId, offset, BATCH)
      if (result.status === 'OFFSET_TOO_SMALL' || result.status === 'OFFSET_OVERFLOW_BADLY') {
        if (result.nextBeginOffset === offset) return undefined
        this.setOffset(level, result.nextBeginOffset)
        continue
      }
      if (result.status !== 'FOUND' || result.messages.length === 0) {
        if (result.status === 'FOUND' || result.status === 'NO_MATCHED_MESSAGE') {
          if (result.nextBeginOffset > offset) {
            this.setOffset(level, result.nextBeginOffset)
            continue
          }
        }
        return undefined
      }
      for (const record of result.messages) {
        const m = decodeMessage(record)
        const wait = m.storeTimestamp + delay - this.timers.now()
        if (wait > 0) return wait
        const msg = toDeliveredMessage(
          {
            flag: m.flag,
            body: m.body,
            sysFlag: m.sysFlag,
            bornTimestamp: m.bornTimestamp,
            bornHost: m.bornHost,
            storeHost: m.storeHost,
            reconsumeTimes: m.reconsumeTimes,
            preparedTransactionOffset: m.preparedTransactionOffset,
          },
          m.properties,
        )
        if (msg) {
          const put = await this.store.putMessage(msg)
          if (!STORED.has(put.status)) {
            this.logger.warn(`re-delivering a delayed message to ${msg.topic} failed (${put.status}); retrying in ${DELAY_FOR_A_PERIOD_MS} ms`)
            return DELAY_FOR_A_PERIOD_MS
          }
        } else {
          this.logger.warn(`dropping scheduled message at ${m.commitLogOffset}: no REAL_TOPIC/REAL_QID`)
        }
        this.setOffset(level, m.queueOffset + 1)
      }
    }
    return undefined
  }
}
