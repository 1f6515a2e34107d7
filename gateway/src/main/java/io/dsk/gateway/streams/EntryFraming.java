package io.dsk.gateway.streams;

import io.dsk.gateway.protocol.ContentTypes;
import io.dsk.gateway.protocol.JsonMessages;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a request body into stored entries: one per JSON message in JSON mode, otherwise pieces of
 * at most {@code maxEntryBytes}, so that no read has to load a large entry to serve a small chunk.
 */
class EntryFraming {

    private final int maxEntryBytes;

    EntryFraming(int maxEntryBytes) {
        this.maxEntryBytes = maxEntryBytes;
    }

    /** Entries of an initial body; in JSON mode {@code []} means none. */
    List<byte[]> forCreate(String contentType, byte[] body) {
        if (body.length == 0) {
            return List.of();
        }
        return ContentTypes.isJson(contentType) ? JsonMessages.toEntries(body, true) : pieces(body);
    }

    /** Entries of an append body; in JSON mode {@code []} is refused. */
    List<byte[]> forAppend(String contentType, byte[] body) {
        if (body.length == 0) {
            return List.of();
        }
        return ContentTypes.isJson(contentType) ? JsonMessages.toEntries(body, false) : pieces(body);
    }

    private List<byte[]> pieces(byte[] body) {
        if (body.length <= maxEntryBytes) {
            return List.of(body);
        }
        List<byte[]> pieces = new ArrayList<>(body.length / maxEntryBytes + 1);
        for (int from = 0; from < body.length; from += maxEntryBytes) {
            pieces.add(Arrays.copyOfRange(body, from, Math.min(body.length, from + maxEntryBytes)));
        }
        return pieces;
    }
}
