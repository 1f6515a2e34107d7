package io.dsk.gateway.streams;

import io.dsk.gateway.protocol.StreamExpiry;
import io.dsk.gateway.store.RetentionPolicy;

/**
 * A validated create (PUT) request.
 *
 * @param path stream path
 * @param contentType requested content type, or null for the default (or the fork source's)
 * @param expiry requested TTL or absolute expiry
 * @param closed create in the closed state
 * @param body initial content, possibly empty
 * @param forkedFrom source stream path for a fork, or null
 * @param forkOffset fork offset token, or null for the source's tail
 * @param forkSubOffset refinement past the fork offset, 0 if none
 * @param retention the retention policy the stream is created with, already resolved against the
 *                  configured patterns, so that it is stored as is
 */
public record CreateRequest(String path, String contentType, StreamExpiry expiry, boolean closed, byte[] body,
                            String forkedFrom, String forkOffset, long forkSubOffset, RetentionPolicy retention) {

    public CreateRequest {
        if (retention == null) {
            retention = RetentionPolicy.NONE;
        }
    }

    /** A request for a stream without retention. */
    public CreateRequest(String path, String contentType, StreamExpiry expiry, boolean closed, byte[] body,
                         String forkedFrom, String forkOffset, long forkSubOffset) {
        this(path, contentType, expiry, closed, body, forkedFrom, forkOffset, forkSubOffset, RetentionPolicy.NONE);
    }

    public boolean isFork() {
        return forkedFrom != null;
    }
}
