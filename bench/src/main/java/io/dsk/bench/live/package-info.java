/**
 * Live-read benchmarks: fan-out latency from an append to thousands of SSE and long-poll
 * subscribers and the server CPU per delivered message (scenarios {@code fanout} and
 * {@code connections}, one {@link io.dsk.bench.live.FanOutScenario} in two shapes), and the memory
 * an idle SSE connection costs each server. The subscribers are raw
 * HTTP/1.1 connections driven by a few NIO selector threads ({@link io.dsk.bench.live.SubscriberLoop}),
 * so the load generator stays cheap next to the servers it measures.
 */
package io.dsk.bench.live;
