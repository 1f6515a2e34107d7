package io.dsk.gateway.streams;

import io.dsk.gateway.protocol.StreamExpiry;
import io.dsk.gateway.store.StreamMetadata;

/**
 * The fork TTL/expiry table of PROTOCOL.md 4.2: a fork that asks for an expiry gets it; one that
 * does not inherits the source's TTL value or its absolute deadline; no expiry stays none.
 */
public final class ForkExpiry {

    private ForkExpiry() {
    }

    /** The expiry the fork gets. */
    public static StreamExpiry resolve(StreamMetadata source, StreamExpiry requested) {
        if (!requested.isNone()) {
            return requested;
        }
        if (source.hasTtl()) {
            return new StreamExpiry(source.ttlSeconds(), null, -1);
        }
        if (source.hasExpiresAt()) {
            return new StreamExpiry(-1, source.expiresAt(), source.expiresAtMillis());
        }
        return StreamExpiry.NONE;
    }
}
