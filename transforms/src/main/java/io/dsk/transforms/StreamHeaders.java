package io.dsk.transforms;

import java.util.Locale;
import java.util.Optional;

import io.dsk.path.StreamPath;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.header.Headers;

/**
 * The record headers through which transforms tell the sink connector where a record goes and
 * when its stream ends. This class is the one definition of those names and of how their values
 * are read; the connector and the transforms both use it.
 *
 * <ul>
 *   <li>{@value #STREAM}: the canonical name of the target {@link StreamPath} (relative, e.g.
 *       {@code tenants/acme/orders}),
 *       overriding the connector's topic mapping. When a record carries several, the last one counts.</li>
 *   <li>{@value #CLOSE}: {@code true} (a boolean, or a string equal to {@code true} ignoring case)
 *       marks the record that ends its stream.</li>
 * </ul>
 *
 * @since 0.1
 */
public final class StreamHeaders {

    /** Header naming the target stream path. */
    public static final String STREAM = "ds.stream";

    /** Header marking the record that closes its stream. */
    public static final String CLOSE = "ds.close";

    private StreamHeaders() {
    }

    /**
     * Reads the target stream path.
     *
     * @param headers a record's headers
     * @return the path of the last {@value #STREAM} header, or empty if there is none
     * @throws DataException if that header is not a string holding a canonical {@link StreamPath} name
     */
    public static Optional<String> streamPath(Headers headers) {
        Header header = headers.lastWithName(STREAM);
        if (header == null) {
            return Optional.empty();
        }
        if (!(header.value() instanceof String path)) {
            throw new DataException("Header " + STREAM + " must be a string stream path");
        }
        String problem = StreamPath.problem(path);
        if (problem != null) {
            throw new DataException("Header " + STREAM + " is not a valid stream path: " + problem);
        }
        return Optional.of(path);
    }

    /**
     * Tells whether a record ends its stream.
     *
     * @param headers a record's headers
     * @return {@code true} if the last {@value #CLOSE} header {@linkplain #isCloseValue(Object) is true}
     */
    public static boolean closesStream(Headers headers) {
        Header header = headers.lastWithName(CLOSE);
        return header != null && isCloseValue(header.value());
    }

    /**
     * Tells whether a {@value #CLOSE} header value means "close".
     *
     * @param value the header value
     * @return {@code true} for {@link Boolean#TRUE} or the string {@code true} in any case
     */
    public static boolean isCloseValue(Object value) {
        if (value instanceof Boolean flag) {
            return flag;
        }
        return value instanceof String text && text.trim().toLowerCase(Locale.ROOT).equals("true");
    }

    /**
     * Returns a copy of the headers whose only {@value #STREAM} header is the given path.
     *
     * @param headers the record's headers, left unchanged
     * @param path a valid stream path
     * @return the new headers
     */
    public static Headers withStream(Headers headers, String path) {
        Headers copy = headers.duplicate();
        copy.remove(STREAM);
        copy.add(STREAM, path, Schema.STRING_SCHEMA);
        return copy;
    }

    /**
     * Returns a copy of the headers whose only {@value #CLOSE} header is {@code true}.
     *
     * @param headers the record's headers, left unchanged
     * @return the new headers
     */
    public static Headers withClose(Headers headers) {
        Headers copy = headers.duplicate();
        copy.remove(CLOSE);
        copy.addBoolean(CLOSE, true);
        return copy;
    }
}
