/**
 * The gateway's operations surface: liveness, readiness and Prometheus metrics endpoints,
 * per-route request counting, and the bookkeeping that lets shutdown wait for in-flight writes.
 *
 * <p>Metrics live in one Micrometer registry ({@link io.dsk.gateway.ops.GatewayMetrics}). Threads:
 * counters and timers are recorded on the thread that does the work (IO threads for requests, the
 * append committer for commits and WAL syncs) without locks; gauges are read on the worker thread
 * that serves {@code GET /metrics}, and each reads memory or one {@code statvfs}, never a scan.
 */
package io.dsk.gateway.ops;
