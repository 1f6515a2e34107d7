/**
 * Benchmark programs, run by hand: {@link io.dsk.bench.GatewayBench} compares the gateway with the
 * Node reference server over HTTP, {@link io.dsk.bench.ConnectorBench} measures the sink connector's
 * throughput from Kafka into either server.
 */
package io.dsk.bench;
