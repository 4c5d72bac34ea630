/**
 * The file-system operations the store uses, behind an interface so tests can inject a writer that
 * fails on command or count fsyncs. Node has no mmap: segments are plain files written with positional
 * writes (pwritev) and read with positional reads.
 */
import {promises as fsp, writevSync} from 'node:fs'

/** An open file, with positional I/O only. */
export interface StoreFileHandle {
  /** Reads up to length bytes at position into buffer[offset…]; resolves to the bytes read. */
  read(buffer: Buffer, offset: number, length: number, position: number): Promise<number>
  /** Writes the buffers back to back at position; resolves to the bytes written. */
  writev(buffers: Buffer[], position: number): Promise<number>
  /**
   * The same write done synchronously on the calling thread (pwritev), when the file system offers it:
   * the commitlog append uses it to skip two thread-pool hand-offs per write.
   */
  writevSync?(buffers: Buffer[], position: number): number
  /** fdatasync: data (and the size) reach the disk. */
  datasync(): Promise<void>
  /** Sets the file's length (zero-filled when it grows). */
  truncate(length: number): Promise<void>
  /** Current length in bytes. */
  size(): Promise<number>
  close(): Promise<void>
}

/** Directory and whole-file operations. */
export interface StoreFs {
  /** Opens a file: 'r+' existing read/write, 'w+' create or empty, 'wx' create exclusively, 'r' read only. */
  open(path: string, flags: 'r+' | 'w+' | 'wx' | 'r'): Promise<StoreFileHandle>
  mkdir(path: string): Promise<void>
  /** Names in a directory; [] when it does not exist. */
  readdir(path: string): Promise<string[]>
  /** Whether the path is a directory (false when it does not exist). */
  isDirectory(path: string): Promise<boolean>
  /** Size and mtime, or undefined when the path does not exist. */
  stat(path: string): Promise<{size: number; mtimeMs: number} | undefined>
  readFile(path: string): Promise<Buffer | undefined>
  /** Removes a file; missing is fine. */
  unlink(path: string): Promise<void>
  /** Removes a directory tree; missing is fine. */
  rmdir(path: string): Promise<void>
  rename(from: string, to: string): Promise<void>
  /** Creates a hard link (fails with EEXIST when `to` exists): the atomic step of taking the lock. */
  link(from: string, to: string): Promise<void>
  /** fsyncs a directory so a rename or a new file in it survives a crash. */
  syncDir(path: string): Promise<void>
  /** Used fraction (0–1) of the disk partition holding path, or -1 when unknown. */
  diskUsedRatio(path: string): Promise<number>
}

function isCode(error: unknown, code: string): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === code
}

/** The real file system (node:fs/promises). */
export const nodeStoreFs: StoreFs = {
  async open(path, flags) {
    const fh = await fsp.open(path, flags)
    return {
      read: async (buffer, offset, length, position) => (await fh.read(buffer, offset, length, position)).bytesRead,
      writev: async (buffers, position) => (await fh.writev(buffers, position)).bytesWritten,
      writevSync: (buffers, position) => writevSync(fh.fd, buffers, position),
      datasync: () => fh.datasync(),
      truncate: (length) => fh.truncate(length),
      size: async () => (await fh.stat()).size,
      close: () => fh.close(),
    }
  },
  async mkdir(path) {
    await fsp.mkdir(path, {recursive: true})
  },
  async readdir(path) {
    try {
      return await fsp.readdir(path)
    } catch (error) {
      if (isCode(error, 'ENOENT') || isCode(error, 'ENOTDIR')) return []
      throw error
    }
  },
  async isDirectory(path) {
    try {
      return (await fsp.stat(path)).isDirectory()
    } catch (error) {
      if (isCode(error, 'ENOENT')) return false
      throw error
    }
  },
  async stat(path) {
    try {
      const s = await fsp.stat(path)
      return {size: s.size, mtimeMs: s.mtimeMs}
    } catch (error) {
      if (isCode(error, 'ENOENT')) return undefined
      throw error
    }
  },
  async readFile(path) {
    try {
      return await fsp.readFile(path)
    } catch (error) {
      if (isCode(error, 'ENOENT')) return undefined
      throw error
    }
  },
  async unlink(path) {
    try {
      await fsp.unlink(path)
    } catch (error) {
      if (!isCode(error, 'ENOENT')) throw error
    }
  },
  async rmdir(path) {
    await fsp.rm(path, {recursive: true, force: true})
  },
  rename: (from, to) => fsp.rename(from, to),
  link: (from, to) => fsp.link(from, to),
  async syncDir(path) {
    const fh = await fsp.open(path, 'r')
    try {
      await fh.sync()
    } catch (error) {
      // Some file systems refuse fsync on a directory; the rename itself has still happened.
      if (!isCode(error, 'EINVAL') && !isCode(error, 'EISDIR')) throw error
    } finally {
      await fh.close()
    }
  },
  async diskUsedRatio(path) {
    try {
      const s = await fsp.statfs(path)
      if (s.blocks === 0) return -1
      return (s.blocks - s.bfree) / s.blocks
    } catch {
      return -1
    }
  },
}
