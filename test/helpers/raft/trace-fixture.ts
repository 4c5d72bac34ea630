/**
 * Compares a scripted run's trace with test/fixtures/raft/<name>.txt, etcd-raft's way of testing
 * interactions. MQLAB_REWRITE=1 writes the file instead (then review the diff before committing).
 */
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import type {ExecutionContext} from 'ava'

const dir = fileURLToPath(new URL('../../../../test/fixtures/raft/', import.meta.url))

/** Asserts `text` equals the fixture `name` (or rewrites it). */
export function matchTraceFixture(t: ExecutionContext, name: string, text: string): void {
  const file = `${dir}${name}.txt`
  if (process.env.MQLAB_REWRITE === '1' || !existsSync(file)) {
    if (process.env.MQLAB_REWRITE !== '1') {
      t.fail(`fixture ${file} is missing; run with MQLAB_REWRITE=1 to write it`)
      return
    }
    mkdirSync(dir, {recursive: true})
    writeFileSync(file, text)
    t.pass()
    return
  }
  t.is(text, readFileSync(file, 'utf8'), `trace differs from ${file} (MQLAB_REWRITE=1 regenerates it)`)
}
