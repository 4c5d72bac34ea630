/**
 * Helpers for store tests: a temp store directory removed in teardown, a config with small segments,
 * messages, and a file system wrapper that counts fdatasyncs and fails writes on command.
 */
import {innerMessage} from '../../runtime/message/inner-message.js'
import type {DefaultMessageStoreConfig} from '../../runtime/store/default-message-store.js'
import {messageStoreConfig} from '../../runtime/store/message-store-config.js'
import {nodeStoreFs, type StoreFileHandle, type StoreFs} from '../../runtime/store/store-fs.js'

export {tempDir} from './temp-dir.js'

/** A store config rooted at dir, with RocketMQ's defaults except small segments and a full-disk ratio of 99. */
export function storeConfig(dir: string, overrides: Partial<DefaultMessageStoreConfig> = {}): DefaultMessageStoreConfig {
  return {...messageStoreConfig(dir, {mappedFileSizeCommitLog: 64 * 1024, mappedFileSizeConsumeQueue: 20 * 100, diskMaxUsedSpaceRatio: 99}), ...overrides}
}

/** A message for topic/queue with a body and optional tag and extra properties. */
export const message = innerMessage

/** Failure kinds a FaultyFs can inject into writes. */
export type WriteFault = 'fail' | 'torn'

/**
 * The real file system plus counters and faults: datasync calls are counted; with failNextWrites set,
 * writes to matching paths fail (or, for 'torn', write half and then fail) until cleared.
 */
export class FaultyFs implements StoreFs {
  datasyncs = 0
  writes = 0
  fault: {kind: WriteFault; match: (path: string) => boolean} | undefined
  /** When set, datasync waits for this promise (a hanging disk). */
  datasyncGate: Promise<void> | undefined
  /** When set, file reads wait for this promise (a slow disk read, to let other work run meanwhile). */
  readGate: Promise<void> | undefined
  failOpenFor: ((path: string) => boolean) | undefined

  constructor(private readonly inner: StoreFs = nodeStoreFs) {}

  async open(path: string, flags: 'r+' | 'w+' | 'wx' | 'r'): Promise<StoreFileHandle> {
    if (flags === 'w+' && this.failOpenFor?.(path)) throw Object.assign(new Error(`ENOSPC: injected, open '${path}'`), {code: 'ENOSPC'})
    const fh = await this.inner.open(path, flags)
    return {
      read: async (b, o, l, p) => {
        if (this.readGate) await this.readGate
        return fh.read(b, o, l, p)
      },
      writev: async (buffers, position) => {
        this.writes++
        const f = this.fault
        if (f && f.match(path)) {
          if (f.kind === 'torn') {
            const all = Buffer.concat(buffers)
            await fh.writev([all.subarray(0, Math.max(1, all.length >> 1))], position)
          }
          throw Object.assign(new Error(`EIO: injected write failure on '${path}'`), {code: 'EIO'})
        }
        return fh.writev(buffers, position)
      },
      datasync: async () => {
        this.datasyncs++
        if (this.datasyncGate) await this.datasyncGate
        return fh.datasync()
      },
      truncate: (l) => fh.truncate(l),
      size: () => fh.size(),
      close: () => fh.close(),
    }
  }

  mkdir = (p: string) => this.inner.mkdir(p)
  readdir = (p: string) => this.inner.readdir(p)
  isDirectory = (p: string) => this.inner.isDirectory(p)
  stat = (p: string) => this.inner.stat(p)
  readFile = (p: string) => this.inner.readFile(p)
  unlink = (p: string) => this.inner.unlink(p)
  rmdir = (p: string) => this.inner.rmdir(p)
  rename = (a: string, b: string) => this.inner.rename(a, b)
  link = (a: string, b: string) => this.inner.link(a, b)
  syncDir = (p: string) => this.inner.syncDir(p)
  diskUsedRatio = (p: string) => this.inner.diskUsedRatio(p)
}

/** Polls cond (no fixed sleep) until it holds or the deadline passes. */
export async function waitFor(cond: () => boolean | Promise<boolean>, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 5))
  }
}
