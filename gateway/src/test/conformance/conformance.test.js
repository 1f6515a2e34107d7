// Runs the official Durable Streams server conformance suite against a running server.
// The server's base URL comes from DSK_CONFORMANCE_BASE_URL (ConformanceIT starts the gateway
// and sets it, with webhooks on loopback allowed, since the suite's webhook receivers listen there).
import { runConformanceTests } from "@durable-streams/server-conformance-tests"

const baseUrl = process.env.DSK_CONFORMANCE_BASE_URL
if (!baseUrl) {
    throw new Error("Set DSK_CONFORMANCE_BASE_URL to the server under test, e.g. http://127.0.0.1:4437")
}

// DSK_CONFORMANCE_SUBSCRIPTIONS=false leaves out the subscription group (cluster mode has none yet).
runConformanceTests({ baseUrl, subscriptions: process.env.DSK_CONFORMANCE_SUBSCRIPTIONS !== "false" })
