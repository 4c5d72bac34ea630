#!/usr/bin/env node
// Starts an embedded name server, as RocketMQ's `mqnamesrv -c namesrv.properties`: the one-file bundle
// when it is up to date, else dist/ (see bin/mqbroker.js).
import {bundleIsFresh} from './bundle-freshness.js'

await import(bundleIsFresh('runtime') ? '../dist/bundle/runtime/mqnamesrv.js' : '../dist/runtime/main/namesrv-main.js')
