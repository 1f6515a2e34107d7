package io.dsk.transforms.path;

import java.util.List;

/**
 * The shape of a stream path as carried by the {@code ds.stream} header: relative (no leading
 * {@code /}), one or more segments separated by {@code /}, each segment a legal
 * {@linkplain PathSegments#isEncodedSegment(String) encoded segment}. Example:
 * {@code tenants/acme/orders}.
 *
 * <p>A stream path is a name, not a URL: to address the stream over HTTP, append
 * {@link #toUrlPath(String)} to {@code /v1/stream/}. That form escapes each {@code %} once more, so
 * the server decodes the URL back to exactly this name and no intermediary can read an escaped dot
 * segment as {@code ..}.
 *
 * @since 0.1
 */
public final class StreamPath {

    private StreamPath() {
    }

    /**
     * Tells whether a string is a valid stream path.
     *
     * @param path the candidate
     * @return {@code true} if {@link #problem(String)} finds nothing wrong
     */
    public static boolean isValid(String path) {
        return problem(path) == null;
    }

    /**
     * Describes what is wrong with a candidate stream path, without repeating it.
     *
     * @param path the candidate
     * @return a short reason, or {@code null} if the path is valid
     */
    public static String problem(String path) {
        if (path == null || path.isEmpty()) {
            return "a stream path must not be empty";
        }
        if (path.startsWith("/")) {
            return "a stream path is relative and must not start with '/'";
        }
        List<String> segments = segments(path);
        for (int i = 0; i < segments.size(); i++) {
            if (!PathSegments.isEncodedSegment(segments.get(i))) {
                return "segment " + (i + 1) + " of the stream path is empty, only dots, or holds a character"
                        + " outside A-Z a-z 0-9 - . _ ~ that is not escaped as %XX";
            }
        }
        return null;
    }

    /**
     * Splits a path into its segments, keeping empty ones.
     *
     * @param path a path
     * @return the segments in order
     */
    public static List<String> segments(String path) {
        return List.of(path.split("/", -1));
    }

    /**
     * Renders a valid stream path for use in a URL after {@code /v1/stream/}.
     *
     * @param path a valid stream path
     * @return the URL path form, with each {@code %} written as {@code %25}
     * @throws IllegalArgumentException if the path is not valid
     */
    public static String toUrlPath(String path) {
        String problem = problem(path);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return path.replace("%", "%25");
    }
}
