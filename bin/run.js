#!/usr/bin/env node
// The mqlab CLI. Kept tiny so `mqlab --help` loads only oclif and the manifest.
import {execute} from '@oclif/core'

await execute({dir: import.meta.url})
