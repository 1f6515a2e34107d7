package io.dsk.gateway.auth;

import io.dsk.path.StreamPath;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.util.Deque;
import java.util.Map;

/**
 * Recognises a source-offsets lookup ({@code GET __ds/source-offsets?path=P}, a DSK extension) and the
 * stream P it asks about. The lookup is granted to whoever may read the stream P or write it: a reader
 * may map a Kafka offset to a stream offset of a stream it can read anyway, and a writer such as the
 * sink connector needs the stream's source watermark to recognise what it already wrote.
 */
final class SourceOffsetsLookup {

    private static final String PATH_PARAMETER = "path";
    private static final String LOOKUP = StreamPath.CONTROL_SEGMENT + "/source-offsets";

    private SourceOffsetsLookup() {
    }

    /**
     * @param method the request method
     * @param path   the checked request path, after the stream prefix
     * @return whether the request is a source-offsets lookup
     */
    static boolean isLookup(HttpString method, StreamPath path) {
        return (Methods.GET.equals(method) || Methods.HEAD.equals(method))
                && path.name().equals(LOOKUP);
    }

    /**
     * @param method the request method
     * @param path   the checked request path, after the stream prefix
     * @param query  the decoded query parameters
     * @return the (decoded once) {@code path} parameter of a lookup that names exactly one, to be read by
     *     {@link StreamPath#fromQueryParameter(String)}, or null when the request is no such lookup (then it needs the grant its own path needs: admin on {@code __ds})
     */
    static String namedStream(HttpString method, StreamPath path, Map<String, Deque<String>> query) {
        Deque<String> values = query.get(PATH_PARAMETER);
        return isLookup(method, path) && values != null && values.size() == 1 ? values.getFirst() : null;
    }
}
