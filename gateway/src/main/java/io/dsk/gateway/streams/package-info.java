/**
 * The stream domain: create (and fork), append (with idempotent producers and source watermarks),
 * close, read across fork chains, delete with soft-delete and cascading cleanup, TTL expiry, and
 * retention (bounded history by age and size: {@link io.dsk.gateway.streams.Streams#enforceRetention}).
 * Every rule of the protocol that is not HTTP framing lives here, over a
 * {@link io.dsk.gateway.store.StreamStore}.
 */
package io.dsk.gateway.streams;
