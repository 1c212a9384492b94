// SPDX-License-Identifier: Apache-2.0
// A real tracer client for the agent simulator: dd-trace@5 from the npm cache folder given as
// argv[2], sending to DD_TRACE_AGENT_URL (set by the test, loopback only). Creates one trace of
// three spans (web.request > db.query, db.query), then exits; dd-trace flushes on exit.
'use strict'

const path = require('path')
const tracer = require(path.join(process.argv[2], 'node_modules', 'dd-trace')).init({
  service: 'checkout',
  flushInterval: 0,  // send each finished trace at once instead of every 2 s
})

tracer.trace('web.request', { resource: 'GET /cart' }, () => {
  tracer.trace('db.query', { resource: 'SELECT 1' }, () => {})
  tracer.trace('db.query', { resource: 'SELECT 2' }, () => {})
})

// Give the exporter a moment to send before the process ends.
setTimeout(() => process.exit(0), 1500)
