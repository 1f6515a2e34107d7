/**
 * The stream domain: create (and fork), append (with idempotent producers and source watermarks),
 * close, read across fork chains, delete with soft-delete and cascading cleanup, and TTL expiry.
 * Every rule of the protocol that is not HTTP framing lives here, over a
 * {@link io.dsk.gateway.store.StreamStore}.
 */
package io.dsk.gateway.streams;
