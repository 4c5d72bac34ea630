#!/usr/bin/env node
// Starts an embedded broker, as RocketMQ's `mqbroker -c broker.properties`: the one-file bundle when it
// is up to date (it starts in a fraction of the time the ~170 modules of dist/ take), else dist/.
import {bundleIsFresh} from './bundle-freshness.js'

await import(bundleIsFresh('runtime') ? '../dist/bundle/runtime/mqbroker.js' : '../dist/runtime/main/broker-main.js')
