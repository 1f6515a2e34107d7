package io.dsk.gateway.subscriptions;

import io.dsk.gateway.protocol.ProtocolException;
import io.dsk.gateway.protocol.StreamOffset;

/** An offset in a subscription request body, read by the one offset rule ({@link StreamOffset}). */
final class StreamOffsetArgument {

    private StreamOffsetArgument() {
    }

    /** The stream position of an ack's offset; {@code -1} means nothing processed. */
    static long parse(String offset) {
        if ("-1".equals(offset)) {
            return 0;
        }
        try {
            return StreamOffset.parse(offset, "offset");
        } catch (ProtocolException e) {
            throw SubscriptionException.badRequest(e.getMessage());
        }
    }
}
