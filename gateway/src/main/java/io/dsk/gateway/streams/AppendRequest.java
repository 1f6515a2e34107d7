package io.dsk.gateway.streams;

import io.dsk.gateway.protocol.ProducerHeaders;
import io.dsk.gateway.protocol.SourceRange;

/**
 * A parsed append (POST) request.
 *
 * @param path stream path
 * @param contentType request content type, or null
 * @param body the bytes to append, possibly empty
 * @param close close the stream after this append
 * @param streamSeq the {@code Stream-Seq} header, or null
 * @param producer idempotent producer headers, or null
 * @param sourceRange DSK source range, or null
 */
public record AppendRequest(String path, String contentType, byte[] body, boolean close, String streamSeq,
                            ProducerHeaders producer, SourceRange sourceRange) {
}
