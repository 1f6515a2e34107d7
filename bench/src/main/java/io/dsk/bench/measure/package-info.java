/**
 * Measurement tools shared by every benchmark: {@link io.dsk.bench.measure.LatencyHistogram}, a
 * fixed-memory latency histogram with a bounded relative error, and
 * {@link io.dsk.bench.measure.ThreadCpu}, the CPU time of groups of this process's threads.
 */
package io.dsk.bench.measure;
