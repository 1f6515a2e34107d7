package io.dsk.transforms.path;

import java.util.List;

/**
 * A pattern over stream paths that names the segment carrying an audience, e.g.
 * {@code tenants/{audience}/**}. Segments are matched one by one: a literal matches itself,
 * {@code *} matches any one segment, {@code {audience}} matches any one segment and captures it,
 * and a final {@code **} matches any number of remaining segments, including none. The pattern
 * must hold {@code {audience}} exactly once.
 *
 * @since 0.1
 */
public final class StreamPathPattern {

    /** The capture marker. */
    public static final String AUDIENCE = "{audience}";

    private final String text;
    private final List<String> segments;
    private final boolean openEnded;

    private StreamPathPattern(String text, List<String> segments, boolean openEnded) {
        this.text = text;
        this.segments = segments;
        this.openEnded = openEnded;
    }

    /**
     * Parses a pattern.
     *
     * @param text the pattern
     * @return the pattern
     * @throws IllegalArgumentException describing the first problem found
     */
    public static StreamPathPattern parse(String text) {
        if (text.isEmpty() || text.startsWith("/")) {
            throw new IllegalArgumentException("a stream path pattern is a relative path such as tenants/{audience}/**");
        }
        List<String> all = StreamPath.segments(text);
        boolean openEnded = all.get(all.size() - 1).equals("**");
        List<String> fixed = openEnded ? all.subList(0, all.size() - 1) : all;
        if (fixed.stream().filter(AUDIENCE::equals).count() != 1) {
            throw new IllegalArgumentException("a stream path pattern must hold " + AUDIENCE + " exactly once as a whole segment");
        }
        for (String segment : fixed) {
            if (!segment.equals(AUDIENCE) && !segment.equals("*") && !PathSegments.isEncodedSegment(segment)) {
                throw new IllegalArgumentException("pattern segment '" + segment + "' is neither " + AUDIENCE
                        + ", * , a final ** nor a path segment of A-Z a-z 0-9 - . _ ~");
            }
        }
        return new StreamPathPattern(text, List.copyOf(fixed), openEnded);
    }

    /**
     * Matches a stream path and returns the segment in the audience position.
     *
     * @param path a valid stream path
     * @return the encoded audience segment, or {@code null} if the path does not match
     */
    public String audienceSegment(String path) {
        List<String> actual = StreamPath.segments(path);
        if (actual.size() < segments.size() || (!openEnded && actual.size() != segments.size())) {
            return null;
        }
        String audience = null;
        for (int i = 0; i < segments.size(); i++) {
            String expected = segments.get(i);
            if (expected.equals(AUDIENCE)) {
                audience = actual.get(i);
            } else if (!expected.equals("*") && !expected.equals(actual.get(i))) {
                return null;
            }
        }
        return audience;
    }

    @Override
    public String toString() {
        return text;
    }
}
