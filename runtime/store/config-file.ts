/**
 * The broker's JSON config files (topics.json, consumerOffset.json, subscriptionGroup.json,
 * delayOffset.json), written so a crash at any moment leaves a whole file: write a temp file next to it, fsync,
 * copy the previous version to `<file>.bak`, rename over the file, fsync the directory. RocketMQ's
 * MixAll.string2File keeps the same .tmp/.bak pair.
 */
import {promises as fsp} from 'node:fs'
import {dirname} from 'node:path'

let tmpCounter = 0

/** The file's text; when it is missing or empty, the text of `<file>.bak`; undefined when neither has any. */
export async function readConfigFile(path: string): Promise<string | undefined> {
  const main = await readText(path)
  if (main !== undefined && main.trim() !== '') return main
  const bak = await readText(`${path}.bak`)
  if (bak !== undefined && bak.trim() !== '') return bak
  return main
}

/** Replaces the file atomically and keeps the previous version as `<file>.bak`. */
export async function writeConfigFile(path: string, text: string): Promise<void> {
  const dir = dirname(path)
  await fsp.mkdir(dir, {recursive: true})
  // A unique temp name: two writers of the same file must not write into one temp file.
  const tmp = `${path}.${process.pid}.${++tmpCounter}.tmp`
  await writeDurably(tmp, text)
  const previous = await readText(path)
  if (previous !== undefined && previous.trim() !== '') await writeDurably(`${path}.bak`, previous)
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
