/**
 * The scenarios that measure the HTTP path of the gateway against the reference server: appends
 * ({@link io.dsk.bench.scenario.AppendsScenario}) and catch-up reads
 * ({@link io.dsk.bench.scenario.CatchupScenario}), with the load generator they share: a
 * closed-loop keep-alive HTTP/1.1 client on one selector thread.
 */
package io.dsk.bench.scenario;
