package io.dsk.gateway.auth;

import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;

/**
 * The stream a source-offsets lookup ({@code GET __ds/source-offsets?path=P}, a DSK extension) asks about.
 * Besides admins of {@code __ds}, the lookup is granted to whoever may read the stream P or write it: a
 * reader may map a Kafka offset to a stream offset of a stream it can read anyway, and a writer such as the
 * sink connector needs the stream's source watermark to recognise what it already wrote.
 */
final class SourceOffsetsLookup {

    private static final String PATH_PARAMETER = "path";

    private SourceOffsetsLookup() {
    }

    /**
     * @param method the request method
     * @param path   the checked request path, after the stream prefix
     * @return whether the request is a source-offsets lookup
     */
    static boolean isLookup(HttpString method, StreamPath path) {
        return (Methods.GET.equals(method) || Methods.HEAD.equals(method))
                && path.segments().size() == 2 && path.firstSegmentIs(Action.CONTROL_SEGMENT)
                && path.segments().get(1).equals("source-offsets");
    }

    /**
     * @param method the request method
     * @param path   the checked request path, after the stream prefix
     * @param query  the decoded query parameters
     * @param prefix the stream prefix, such as {@code /v1/stream/}, which the {@code path} parameter may carry
     * @return the stream the lookup names, checked like a request path; empty when the request is no
     *     lookup or names no single valid stream path (then only an admin grant on {@code __ds} lets it in)
     */
    static Optional<StreamPath> streamOf(HttpString method, StreamPath path, Map<String, Deque<String>> query,
                                         String prefix) {
        Deque<String> values = query.get(PATH_PARAMETER);
        if (!isLookup(method, path) || values == null || values.size() != 1) {
            return Optional.empty();
        }
        String value = values.getFirst().trim();
        if (value.startsWith(prefix)) {
            value = value.substring(prefix.length());
        } else if (value.startsWith("/")) {
            value = value.substring(1);
        }
        // The parameter is already decoded; a '%' left in it would be decoded a second time below.
        if (value.indexOf('%') >= 0) {
            return Optional.empty();
        }
        try {
            StreamPath stream = StreamPath.parseRaw(value);
            return stream.firstSegmentIs(Action.CONTROL_SEGMENT) ? Optional.empty() : Optional.of(stream);
        } catch (StreamPath.BadPathException e) {
            return Optional.empty();
        }
    }
}
