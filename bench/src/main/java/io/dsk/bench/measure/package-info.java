/**
 * Measurement tools shared by every benchmark: {@link io.dsk.bench.measure.LatencyHistogram}, the
 * latency histogram of every scenario (an HdrHistogram in microseconds with three significant
 * digits), and {@link io.dsk.bench.measure.ThreadCpu}, the CPU time of groups of this process's
 * threads.
 */
package io.dsk.bench.measure;
