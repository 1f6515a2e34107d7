/**
 * The gateway's operations surface: liveness, readiness and Prometheus metrics endpoints,
 * per-route request counting, and the bookkeeping that lets shutdown wait for in-flight writes.
 */
package io.dsk.gateway.ops;
