/**
 * Benchmark programs, run by hand. {@link io.dsk.bench.ConnectorBench} measures the sink
 * connector's throughput from Kafka into either server; the HTTP scenarios run under
 * {@link io.dsk.bench.run.BenchRunner}.
 */
package io.dsk.bench;
