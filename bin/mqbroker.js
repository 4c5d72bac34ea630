#!/usr/bin/env node
// Starts an embedded broker, as RocketMQ's `mqbroker -c broker.properties`.
import '../dist/runtime/main/broker-main.js'
