/**
 * Measurement tools shared by every benchmark: {@link io.dsk.bench.measure.LatencyHistogram}, a
 * fixed-memory latency histogram with a bounded relative error.
 */
package io.dsk.bench.measure;
