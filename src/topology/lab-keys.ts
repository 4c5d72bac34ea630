/** Sets keys in the written .properties of some nodes of a lab, keeping everything else in the files. */
import fs from 'node:fs'
import path from 'node:path'
import {setProperties} from './properties-edit.js'
import {writeAtomically} from './write-atomically.js'

/** Sets `values` in every conf file of the lab at `labDir` that `which` selects (by file name); returns the files changed. */
export function setLabKeys(labDir: string, which: (confFile: string) => boolean, values: Readonly<Record<string, string>>, note?: string): string[] {
  const conf = path.join(labDir, 'conf')
  const changed: string[] = []
  for (const f of fs
    .readdirSync(conf)
    .filter((x) => x.endsWith('.properties') && which(x))
    .sort()) {
    const file = path.join(conf, f)
    const edit = setProperties(fs.readFileSync(file, 'latin1'), values, note)
    if (edit.changes.length === 0) continue
    writeAtomically(file, edit.text)
    changed.push(f)
  }
  return changed
}

/** Whether a conf file of a lab is a broker's (name servers' files start with "namesrv"). */
export const isBrokerConf = (confFile: string): boolean => !confFile.startsWith('namesrv')
