/** Bytes that are not a valid record or batch body (corruption or truncation, never a server status). */
export class MessageDecodeError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'MessageDecodeError'
  }
}
