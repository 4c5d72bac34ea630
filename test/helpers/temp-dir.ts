import {mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'

/** A fresh temp folder, removed (with everything in it) when the test ends. */
export async function tempDir(t: {teardown(fn: () => unknown): void}, prefix = 'mqlab-test-'): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix))
  t.teardown(() => rm(dir, {recursive: true, force: true}))
  return dir
}
