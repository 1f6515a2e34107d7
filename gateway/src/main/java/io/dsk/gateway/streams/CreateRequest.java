package io.dsk.gateway.streams;

import io.dsk.gateway.protocol.StreamExpiry;

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
 */
public record CreateRequest(String path, String contentType, StreamExpiry expiry, boolean closed, byte[] body,
                            String forkedFrom, String forkOffset, long forkSubOffset) {

    public boolean isFork() {
        return forkedFrom != null;
    }
}
