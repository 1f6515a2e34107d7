/**
 * The client side of the protocol's Server-Sent Events (PROTOCOL.md 5.8), shared by the SSE
 * subscribers of every scenario: {@link io.dsk.bench.sse.SseEventParser} splits an event stream
 * into events and {@link io.dsk.bench.sse.ControlEvent} reads a {@code control} event.
 */
package io.dsk.bench.sse;
