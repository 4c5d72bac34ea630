/** DLedgerRequestCode of DLedger 0.3.1.2: the remoting codes its RPC server registers. */
export const DLedgerRequestCode = {
  METADATA: 50000,
  APPEND: 50001,
  GET: 50002,
  VOTE: 51001,
  HEART_BEAT: 51002,
  PULL: 51003,
  PUSH: 51004,
  LEADERSHIP_TRANSFER: 51005,
} as const

/** Whether `code` is one DLedger's server registers (anything else gets REQUEST_CODE_NOT_SUPPORTED). */
export function isDLedgerRequestCode(code: number): boolean {
  return Object.values(DLedgerRequestCode).includes(code as never)
}
