/**
 * `consume --from`: "first" and "last" are RocketMQ's consumeFromWhere (they only place a queue the
 * group never committed); a queue OFFSET or a TIME moves this run's start over the committed offsets
 * (an mqlab-only seek, like kcat -o; the group's offsets follow what the run consumes). Pure.
 */
import type {StartOverride} from '../client/consumer/rebalance.js'
import {MqlabError} from './mqlab-error.js'

/** What --from asks for. */
export type ConsumeStart = {kind: 'where'; from: 'first' | 'last'} | {kind: 'override'; override: StartOverride}

const UNITS: Record<string, number> = {s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000}

/**
 * Parses --from: first | last | a queue offset (digits) | a time: ISO 8601 (2026-12-08T03:00:00Z), ms
 * since the epoch (13 digits), or a relative "-10m" / "-2h" / "-30s" / "-1d" before `now`.
 */
export function parseConsumeStart(value: string, now: number): ConsumeStart {
  const v = value.trim()
  if (v === 'first' || v === 'last') return {kind: 'where', from: v}
  if (/^\d{1,12}$/.test(v)) return {kind: 'override', override: {kind: 'offset', offset: Number(v)}}
  if (/^\d{13}$/.test(v)) return {kind: 'override', override: {kind: 'time', timestamp: Number(v)}}
  const rel = /^-(\d+)([smhd])$/.exec(v)
  if (rel) return {kind: 'override', override: {kind: 'time', timestamp: now - Number(rel[1]) * UNITS[rel[2]!]!}}
  const t = /^\d{4}-\d{2}-\d{2}/.test(v) ? Date.parse(v) : NaN
  if (Number.isFinite(t)) return {kind: 'override', override: {kind: 'time', timestamp: t}}
  throw new MqlabError('INVALID_ARGUMENT', `--from ${value} is neither first, last, a queue offset nor a time`, {
    suggestion: 'e.g. --from first, --from last, --from 1200 (queue offset), --from 2026-12-08T03:00:00Z, --from -10m',
  })
}
