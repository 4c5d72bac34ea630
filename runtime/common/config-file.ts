/**
 * The broker's JSON config files (topics.json, consumerOffset.json, subscriptionGroup.json,
 * delayOffset.json), written so a crash at any moment leaves a whole file: write a temp file next to it, fsync,
 * copy the previous version to `<file>.bak`, rename over the file, fsync the directory. RocketMQ's
 * MixAll.string2File keeps the same .tmp/.bak pair.
 */
import {promises as fsp} from 'node:fs'
import {dirname} from 'node:path'

let tmpCounter = 0

/**
 * The write still in progress per file. Writes of one file run one after another: two overlapping writes would
 * both truncate and write `<file>.bak` in place (mixing their bytes), could both see no previous file (leaving no
 * .bak at all), and could finish out of order so an older text replaces a newer one.
 */
const pendingWrites = new Map<string, Promise<void>>()

/** The file's text; when it is missing or empty, the text of `<file>.bak`; undefined when neither has any. */
export async function readConfigFile(path: string): Promise<string | undefined> {
  const main = await readText(path)
  if (main !== undefined && main.trim() !== '') return main
  const bak = await readText(`${path}.bak`)
  if (bak !== undefined && bak.trim() !== '') return bak
  return main
}

/** Replaces the file atomically and keeps the previous version as `<file>.bak`; writes of one path apply in call order. */
export function writeConfigFile(path: string, text: string): Promise<void> {
  const before = pendingWrites.get(path) ?? Promise.resolve()
  // A failed earlier write does not stop this one; its caller already got the error.
  const mine = before.catch(() => undefined).then(() => replaceFile(path, text))
  const tail = mine.catch(() => undefined)
  pendingWrites.set(path, tail)
  void tail.then(() => {
    if (pendingWrites.get(path) === tail) pendingWrites.delete(path)
  })
  return mine
}

async function replaceFile(path: string, text: string): Promise<void> {
  const dir = dirname(path)
  await fsp.mkdir(dir, {recursive: true})
  // A unique temp name: two writers of the same file must not write into one temp file.
  const tmp = `${path}.${process.pid}.${++tmpCounter}.tmp`
  await writeDurably(tmp, text)
  const previous = await readText(path)
  if (previous !== undefined && previous.trim() !== '') {
    // The .bak goes through its own temp file too, so a crash while writing it never leaves a torn .bak.
    const bakTmp = `${path}.bak.${process.pid}.${++tmpCounter}.tmp`
    await writeDurably(bakTmp, previous)
    await fsp.rename(bakTmp, `${path}.bak`)
  }
  await fsp.rename(tmp, path)
  await syncDir(dir)
}

async function writeDurably(path: string, text: string): Promise<void> {
  const fh = await fsp.open(path, 'w')
  try {
    await fh.writeFile(text, 'utf8')
    await fh.sync()
  } finally {
    await fh.close()
  }
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await fsp.readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}

async function syncDir(dir: string): Promise<void> {
  const fh = await fsp.open(dir, 'r')
  try {
    await fh.sync()
  } catch {
    // Not every file system allows fsync on a directory; the rename has happened either way.
  } finally {
    await fh.close()
  }
}
