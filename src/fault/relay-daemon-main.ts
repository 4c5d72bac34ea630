/** Entry point of the relay daemon: `node relay-daemon-main.js <lab dir>` (spawned by `mqlab relays on`). */
import {runRelayDaemon} from './relay-daemon.js'

const dir = process.argv[2]
if (dir === undefined) {
  process.stderr.write('usage: relay-daemon-main.js <lab dir>\n')
  process.exit(2)
}
runRelayDaemon(dir).then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`relay daemon: ${err instanceof Error ? err.message : String(err)}\n`)
    process.exit(1)
  },
)
