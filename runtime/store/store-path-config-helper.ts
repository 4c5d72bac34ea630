/**
 * Where the store keeps its files under storePathRootDir, named as RocketMQ 4.9.8 names them
 * (store/config/StorePathConfigHelper.java, UtilAll.offset2FileName).
 */
import {join} from 'node:path'

/** `<root>/consumequeue`: one folder per topic, one per queue id, then segment files. */
export function getStorePathConsumeQueue(root: string): string {
  return join(root, 'consumequeue')
}

/** `<root>/index`: the message index files (store/index). */
export function getStorePathIndex(root: string): string {
  return join(root, 'index')
}

/** `<root>/checkpoint`. */
export function getStoreCheckpoint(root: string): string {
  return join(root, 'checkpoint')
}

/** `<root>/abort`: exists while a store runs; found at start ⇒ the last shutdown was not clean. */
export function getAbortFile(root: string): string {
  return join(root, 'abort')
}

/** `<root>/lock`. */
export function getLockFile(root: string): string {
  return join(root, 'lock')
}

/** `<root>/config`: topics.json, consumerOffset.json, subscriptionGroup.json, delayOffset.json. */
export function getConfigDir(root: string): string {
  return join(root, 'config')
}

/** A segment's file name: its start offset as 20 zero-padded digits. */
export function offset2FileName(offset: number): string {
  return String(offset).padStart(20, '0')
}

/** The start offset a segment file name stands for, or undefined when the name is not 20 digits. */
export function fileName2Offset(name: string): number | undefined {
  return /^\d{20}$/.test(name) ? Number(name) : undefined
}
