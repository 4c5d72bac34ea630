/**
 * The comment `mqlab promote` leaves in the promoted node's conf file. conf/ is the lab's source of
 * truth, so the record of a manual failover lives there, next to the keys it changed: users see why the
 * file no longer says SLAVE, and `mqlab start` reads it to tell the new master from the old one (both
 * files then say brokerId 0). Pure.
 *
 *   # mqlab promote 2026-01-02T03:04:05.678Z: broker-a-slave became the master of broker-a (was brokerId=1 brokerRole=SLAVE; former master broker-a-master)
 */

/** One promotion, as recorded. */
export interface PromotionNote {
  /** ISO time of the promotion. */
  at: string
  node: string
  brokerName: string
  /** The node that was the group's master before, when the lab had one. */
  formerMaster: string | null
}

/** The comment text (without the leading `# `). */
export function formatPromotionNote(note: PromotionNote, before: {brokerId: string | null; brokerRole: string | null}): string {
  const was = `was brokerId=${before.brokerId ?? '(unset)'} brokerRole=${before.brokerRole ?? '(unset)'}`
  const former = note.formerMaster === null ? '' : `; former master ${note.formerMaster}`
  return `mqlab promote ${note.at}: ${note.node} became the master of ${note.brokerName} (${was}${former})`
}

const NOTE = /^[ \t]*[#!][ \t]*mqlab promote (\S+): (\S+) became the master of (\S+) \(([^)\r\n]*)\)/gm

/** Every promotion note in a conf file's text, oldest first (as written: later notes are appended). */
export function parsePromotionNotes(text: string): PromotionNote[] {
  const notes: PromotionNote[] = []
  for (const m of text.matchAll(NOTE)) {
    const former = /former master (\S+?)$/.exec(m[4]!.trim())
    notes.push({at: m[1]!, node: m[2]!, brokerName: m[3]!, formerMaster: former?.[1] ?? null})
  }
  return notes.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
}

/** The latest note that promoted `node` in `brokerName`, if any. */
export function latestPromotion(notes: readonly PromotionNote[], node: string, brokerName: string): PromotionNote | undefined {
  return notes.filter((n) => n.node === node && n.brokerName === brokerName).at(-1)
}
