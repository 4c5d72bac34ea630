/** Moved to src/errors (lab/ and topology/ import it from there); this path stays for older imports. */
export * from '../errors/exit-codes.js'
