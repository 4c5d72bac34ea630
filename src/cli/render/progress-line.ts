/**
 * A one-line progress counter on stderr ("sent 1200/10000"), redrawn at most every 100 ms and erased
 * at the end. Only for terminals: callers create it when stderr is a TTY and not under --json.
 */

/** A progress line. */
export interface ProgressLine {
  /** Records that `done` items are finished. */
  update(done: number): void
  /** Erases the line. */
  finish(): void
}

/** Starts a progress line: `label` then "done/total" (or just "done" when the total is unknown). */
export function startProgressLine(
  label: string,
  total: number | undefined,
  stream: NodeJS.WriteStream = process.stderr,
  now: () => number = Date.now,
): ProgressLine {
  let last = 0
  let shown = false
  const draw = (done: number) => {
    stream.write(`\r${label} ${done}${total === undefined ? '' : `/${total}`}\u001b[K`)
    shown = true
  }
  return {
    update(done) {
      const t = now()
      if (t - last < 100) return
      last = t
      draw(done)
    },
    finish() {
      if (shown) stream.write('\r\u001b[K')
    },
  }
}
