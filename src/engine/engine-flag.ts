/** `--engine` on init and up (kept apart: command modules load it for --help, so it imports nothing else). */
import {Flags} from '@oclif/core'

export const engineFlag = Flags.string({
  description:
    "engine of the lab's nodes: embedded (mqlab's runtime) or apache (Apache RocketMQ on a JVM; mqlab engine install apache); NODE=ENGINE for one node; repeatable",
  helpValue: 'apache|embedded|NODE=ENGINE',
  multiple: true,
})
