/**
 * What the seed documents claim for each mode, in mqlab's words, and which measure each claim is about:
 * the report quotes the claim next to the figure that tests it.
 */
import type {CheckName} from '../checker/index.js'

export interface SeedClaim {
  /** Templates the claim is about ('*': any). */
  templates: string[]
  claim: string
  measure: CheckName
  /** What the measure should show if the claim holds. */
  holdsWhen: 'zero' | 'any'
}

export const SEED_CLAIMS: readonly SeedClaim[] = [
  {
    templates: ['2m-2s-sync'],
    claim: 'Synchronous double write: a message acknowledged with SEND_OK is already on the slave, so a dead master loses none of them.',
    measure: 'waitedForRestart',
    holdsWhen: 'zero',
  },
  {templates: ['2m-2s-sync'], claim: 'Synchronous double write: nothing acknowledged is lost.', measure: 'lost', holdsWhen: 'zero'},
  {
    templates: ['2m-2s-async'],
    claim: 'Asynchronous replication: if the master dies with its disk, the few acknowledged messages not yet copied to the slave are lost.',
    measure: 'waitedForRestart',
    holdsWhen: 'any',
  },
  {
    templates: ['2m-noslave'],
    claim: 'No slave: a dead master takes its unconsumed messages with it until it restarts; then they are all consumed.',
    measure: 'waitedForRestart',
    holdsWhen: 'any',
  },
  {templates: ['2m-noslave'], claim: 'No slave: after the restart nothing acknowledged is missing.', measure: 'lost', holdsWhen: 'zero'},
  {
    templates: ['dledger'],
    claim: 'DLedger commits on a majority: a committed message survives the leader, and a new leader is elected in seconds.',
    measure: 'lost',
    holdsWhen: 'zero',
  },
  {templates: ['*'], claim: 'A lost acknowledgement makes the producer send again: the message is stored twice.', measure: 'storedTwice', holdsWhen: 'any'},
]

export function claimsFor(template: string | null): SeedClaim[] {
  return SEED_CLAIMS.filter((c) => c.templates.includes('*') || (template !== null && c.templates.includes(template)))
}
