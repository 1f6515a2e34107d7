package io.dsk.gateway.streams;

import io.dsk.gateway.store.StreamMetadata;

/** The stream after a create, and whether this request created it (201) or found it (200). */
public record CreateResult(StreamMetadata stream, boolean created) {
}
