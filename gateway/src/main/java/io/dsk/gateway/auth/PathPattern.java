package io.dsk.gateway.auth;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A grant's stream-path pattern: segments separated by {@code /}, where {@code *} matches exactly
 * one segment, {@code **} any number of segments (also none), and {@code {claim}} is replaced by
 * the value of that claim of the token, e.g. {@code users/{sub}/**} or {@code tenants/{tid}/*}.
 *
 * <p>A placeholder may also sit inside a segment ({@code user-{sub}}). It matches only when the
 * claim is present and is a safe path segment (see {@link VerifiedToken#pathValue(String)}); a
 * missing or unsafe claim makes the whole pattern not match. Matching runs in time proportional
 * to pattern length times path length, whatever the number of {@code **}.
 */
final class PathPattern {

    private static final Pattern CLAIM_NAME = Pattern.compile("[A-Za-z0-9_.:-]+");

    private final String text;
    private final List<Segment> segments;

    private PathPattern(String text, List<Segment> segments) {
        this.text = text;
        this.segments = segments;
    }

    /**
     * Compiles a pattern.
     *
     * @param text the pattern, relative to {@code /v1/stream/}; one leading {@code /} is ignored
     * @return the pattern
     * @throws IllegalArgumentException saying what is wrong with the pattern
     */
    static PathPattern parse(String text) {
        String body = text.strip();
        if (body.startsWith("/")) {
            body = body.substring(1);
        }
        if (body.isEmpty()) {
            throw new IllegalArgumentException("empty path pattern");
        }
        List<Segment> segments = new ArrayList<>();
        for (String part : body.split("/", -1)) {
            segments.add(segment(part, text));
        }
        return new PathPattern(body, List.copyOf(segments));
    }

    private static Segment segment(String part, String pattern) {
        if (part.isEmpty() || part.equals(".") || part.equals("..")) {
            throw new IllegalArgumentException("path pattern '" + pattern
                    + "' has an empty, '.' or '..' segment");
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
            if (open < 0 || close < open) {
                throw new IllegalArgumentException("path pattern '" + pattern + "' has an unmatched '}'");
            }
            if (open > at) {
                pieces.add(new String[] {part.substring(at, open), null});
            }
            int end = part.indexOf('}', open);
            String name = end < 0 ? "" : part.substring(open + 1, end);
            if (end < 0 || !CLAIM_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("path pattern '" + pattern
                        + "' has a malformed claim placeholder; write it as {claim}, e.g. {sub}");
            }
            pieces.add(new String[] {null, name});
            at = end + 1;
        }
        return List.copyOf(pieces);
    }

    /** True when the pattern names no claim, so it matches the same paths for every caller. */
    boolean isClaimFree() {
        return segments.stream().noneMatch(s -> s.kind == Kind.TEMPLATE);
    }

    /**
     * Whether the path matches.
     *
     * @param path the normalised stream path
     * @param claims a claim's safe path value, or empty when missing or unsafe
     * @return true when the pattern matches the whole path
     */
    boolean matches(StreamPath path, Function<String, Optional<String>> claims) {
        List<String> parts = path.segments();
        int size = parts.size();
        BitSet reachable = new BitSet(size + 1);
        reachable.set(0);
        for (Segment segment : segments) {
            BitSet next = new BitSet(size + 1);
            if (segment.kind == Kind.ANY) {
                next.set(reachable.nextSetBit(0), size + 1);
            } else {
                String expected = segment.expected(claims);
                if (segment.kind != Kind.ONE && expected == null) {
                    return false;
                }
                for (int i = reachable.nextSetBit(0); i >= 0 && i < size; i = reachable.nextSetBit(i + 1)) {
                    if (segment.kind == Kind.ONE || parts.get(i).equals(expected)) {
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

    /** One pattern segment; a template is a list of {literal, null} or {null, claim} pieces. */
    private static final class Segment {
        static final Segment ONE = new Segment(Kind.ONE, null, List.of());
        static final Segment ANY = new Segment(Kind.ANY, null, List.of());

        final Kind kind;
        final String literal;
        final List<String[]> pieces;

        private Segment(Kind kind, String literal, List<String[]> pieces) {
            this.kind = kind;
            this.literal = literal;
            this.pieces = pieces;
        }

        static Segment literal(String text) {
            return new Segment(Kind.LITERAL, text, List.of());
        }

        static Segment template(List<String[]> pieces) {
            return new Segment(Kind.TEMPLATE, null, pieces);
        }

        /** The segment text to compare with, or null when a claim is missing or unsafe. */
        String expected(Function<String, Optional<String>> claims) {
            if (kind != Kind.TEMPLATE) {
                return literal;
            }
            StringBuilder out = new StringBuilder();
            for (String[] piece : pieces) {
                if (piece[0] != null) {
                    out.append(piece[0]);
                } else {
                    Optional<String> value = claims.apply(piece[1]);
                    if (value.isEmpty()) {
                        return null;
                    }
                    out.append(value.get());
                }
            }
            return out.toString();
        }
    }
}
