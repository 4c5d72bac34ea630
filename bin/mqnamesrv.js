#!/usr/bin/env node
// Starts an embedded name server, as RocketMQ's `mqnamesrv -c namesrv.properties`.
import '../dist/runtime/main/namesrv-main.js'
