package io.dsk.path;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A pattern over stream paths, the one matcher of the gateway's grants and the transforms'
 * {@code AudienceGuard}: segments separated by {@code /}, where {@code *} matches exactly one segment,
 * {@code **} any number of segments (also none), and {@code {name}} stands for a value, such as a
 * token claim ({@code users/{sub}/**}) or a record's audience ({@code tenants/{audience}/**}).
 *
 * <p>A placeholder may sit inside a segment ({@code user-{sub}}). Its value is
 * {@linkplain StreamPath#encodeSegment(String) encoded into one segment} before it is compared, the
 * same way the transforms encode record values, so a value holding {@code /}, {@code %} or dots
 * matches exactly the stream routed for it and nothing else. A missing value makes the pattern
 * match nothing. Literal segments are compared with a path's segments as they are. Matching runs in
 * time proportional to pattern length times path length, whatever the number of {@code **}.
 *
 * @since 0.1
 */
public final class StreamPathPattern {

    private static final Pattern PLACEHOLDER_NAME = Pattern.compile("[A-Za-z0-9_.:-]+");

    private final String text;
    private final List<Segment> segments;

    private StreamPathPattern(String text, List<Segment> segments) {
        this.text = text;
        this.segments = segments;
    }

    /**
     * Compiles a pattern.
     *
     * @param text the pattern, relative to {@value StreamPath#URL_PREFIX}; surrounding blanks and one
     *     leading {@code /} are ignored
     * @return the pattern
     * @throws IllegalArgumentException saying what is wrong with the pattern
     */
    public static StreamPathPattern parse(String text) {
        String body = text.strip();
        if (body.startsWith("/")) {
            body = body.substring(1);
        }
        if (body.isEmpty()) {
            throw new IllegalArgumentException("empty path pattern");
        }
        List<Segment> segments = new ArrayList<>();
        for (String part : body.split("/", -1)) {
            segments.add(segment(part, body));
        }
        return new StreamPathPattern(body, List.copyOf(segments));
    }

    private static Segment segment(String part, String pattern) {
        if (part.isEmpty() || part.equals(".") || part.equals("..")) {
            throw new IllegalArgumentException("path pattern '" + pattern + "' has an empty, '.' or '..' segment");
        }
        if (part.equals("**")) {
            return Segment.ANY;
        }
        if (part.equals("*")) {
            return Segment.ONE;
        }
        if (part.indexOf('*') >= 0) {
            throw new IllegalArgumentException("path pattern '" + pattern
                    + "': '*' and '**' must be whole segments, as in 'a/*/b' or 'a/**'");
        }
        for (int i = 0; i < part.length(); i++) {
            if (Character.isISOControl(part.charAt(i)) || part.charAt(i) == '\\') {
                throw new IllegalArgumentException("path pattern '" + pattern
                        + "' holds a control character or a backslash");
            }
        }
        if (part.indexOf('{') < 0 && part.indexOf('}') < 0) {
            return Segment.literal(part);
        }
        return Segment.template(parseTemplate(part, pattern));
    }

    private static List<String[]> parseTemplate(String part, String pattern) {
        List<String[]> pieces = new ArrayList<>();
        int at = 0;
        while (at < part.length()) {
            int open = part.indexOf('{', at);
            int close = part.indexOf('}', at);
            if (open < 0 && close < 0) {
                pieces.add(new String[] {part.substring(at), null});
                break;
            }
            if (open < 0 || (close >= 0 && close < open)) {
                throw new IllegalArgumentException("path pattern '" + pattern + "' has an unmatched '}'");
            }
            if (close < 0) {
                throw new IllegalArgumentException("path pattern '" + pattern
                        + "' has a malformed placeholder; write it as {name}, e.g. {sub}");
            }
            if (open > at) {
                pieces.add(new String[] {part.substring(at, open), null});
            }
            String name = part.substring(open + 1, close);
            if (!PLACEHOLDER_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("path pattern '" + pattern
                        + "' has a malformed placeholder; write it as {name}, e.g. {sub}");
            }
            pieces.add(new String[] {null, name});
            at = close + 1;
        }
        return List.copyOf(pieces);
    }

    /**
     * The placeholder names, in order, each as often as it occurs.
     *
     * @return the names, such as {@code [sub]} for {@code users/{sub}/**}
     */
    public List<String> placeholders() {
        List<String> names = new ArrayList<>();
        for (Segment segment : segments) {
            for (String[] piece : segment.pieces) {
                if (piece[1] != null) {
                    names.add(piece[1]);
                }
            }
        }
        return names;
    }

    /**
     * Whether the pattern matches the whole path.
     *
     * @param path the path
     * @param values the value of each placeholder, not yet encoded; empty when missing
     * @return true when it matches
     */
    public boolean matches(StreamPath path, Function<String, Optional<String>> values) {
        return matches(path, values, false);
    }

    /**
     * Whether the pattern matches the whole path for some values of its placeholders.
     *
     * @param path the path
     * @return true when some choice of values would make {@link #matches(StreamPath, Function)} true
     */
    public boolean matchesForSomeValues(StreamPath path) {
        return matches(path, name -> Optional.empty(), true);
    }

    private boolean matches(StreamPath path, Function<String, Optional<String>> values, boolean anyValues) {
        List<String> parts = path.segments();
        int size = parts.size();
        BitSet reachable = new BitSet(size + 1);
        reachable.set(0);
        for (Segment segment : segments) {
            BitSet next = new BitSet(size + 1);
            if (segment.kind == Kind.ANY) {
                next.set(reachable.nextSetBit(0), size + 1);
            } else {
                String expected = anyValues ? null : segment.expected(values);
                if (segment.kind == Kind.TEMPLATE && !anyValues && expected == null) {
                    return false;
                }
                for (int i = reachable.nextSetBit(0); i >= 0 && i < size; i = reachable.nextSetBit(i + 1)) {
                    if (segment.accepts(parts.get(i), expected, anyValues)) {
                        next.set(i + 1);
                    }
                }
            }
            if (next.isEmpty()) {
                return false;
            }
            reachable = next;
        }
        return reachable.get(size);
    }

    @Override
    public String toString() {
        return text;
    }

    private enum Kind { LITERAL, ONE, ANY, TEMPLATE }

    /** One pattern segment; a template is a list of {literal, null} or {null, placeholder} pieces. */
    private static final class Segment {
        static final Segment ONE = new Segment(Kind.ONE, null, List.of(), null);
        static final Segment ANY = new Segment(Kind.ANY, null, List.of(), null);

        final Kind kind;
        final String literal;
        final List<String[]> pieces;
        /** For a template, the shape of the segments it can match whatever its values are. */
        final Pattern shape;

        private Segment(Kind kind, String literal, List<String[]> pieces, Pattern shape) {
            this.kind = kind;
            this.literal = literal;
            this.pieces = pieces;
            this.shape = shape;
        }

        static Segment literal(String text) {
            return new Segment(Kind.LITERAL, text, List.of(), null);
        }

        static Segment template(List<String[]> pieces) {
            StringBuilder shape = new StringBuilder();
            for (String[] piece : pieces) {
                shape.append(piece[0] != null ? Pattern.quote(piece[0]) : "[^/]+");
            }
            return new Segment(Kind.TEMPLATE, null, pieces, Pattern.compile(shape.toString()));
        }

        boolean accepts(String part, String expected, boolean anyValues) {
            switch (kind) {
                case ONE:
                    return true;
                case LITERAL:
                    return part.equals(literal);
                default:
                    return anyValues ? shape.matcher(part).matches() : part.equals(expected);
            }
        }

        /** The segment to compare with, each value encoded into one segment; null when a value is missing. */
        String expected(Function<String, Optional<String>> values) {
            if (kind != Kind.TEMPLATE) {
                return literal;
            }
            StringBuilder out = new StringBuilder();
            for (String[] piece : pieces) {
                if (piece[0] != null) {
                    out.append(piece[0]);
                    continue;
                }
                Optional<String> value = values.apply(piece[1]);
                if (value.isEmpty() || value.get().isEmpty() || !StreamPath.isWellFormedUnicode(value.get())) {
                    return null;
                }
                out.append(StreamPath.encodeSegment(value.get()));
            }
            return out.toString();
        }
    }
}
