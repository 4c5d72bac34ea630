/** --open: hands the URL to the desktop's opener (xdg-open on Linux, open on macOS); says so when there is none. */
import {spawn} from 'node:child_process'

export function openBrowser(url: string, warn: (msg: string) => void): void {
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open'
  const child = spawn(cmd, [url], {detached: true, stdio: 'ignore'})
  child.on('error', () => warn(`could not run ${cmd}: open ${url} in a browser`))
  child.unref()
}
