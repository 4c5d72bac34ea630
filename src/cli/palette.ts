/** Colours for terminal output: chalk, but only when the stream is a TTY (and NO_COLOR is not set). */
import {Chalk, supportsColor, type ChalkInstance} from 'chalk'

/** A chalk instance for `stream`: colourless unless it is a terminal. */
export function paletteFor(stream: NodeJS.WriteStream = process.stdout): ChalkInstance {
  const level = stream.isTTY && !process.env.NO_COLOR && supportsColor ? supportsColor.level : 0
  return new Chalk({level})
}
