package io.dsk.path;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The name of a stream, the part of its URL after {@code /v1/stream/}: one or more segments separated
 * by {@code /}. This is the one definition of stream paths for the transforms, the connector and the
 * gateway.
 *
 * <p>The rule, once:
 * <ul>
 *   <li>A value from a record or a token claim becomes exactly one segment by
 *       {@link #encodeSegment(String)}: its UTF-8 bytes, unreserved characters ({@code A-Z a-z 0-9 - . _ ~})
 *       kept and every other byte written {@code %XX}; a value made only of dots has its dots written
 *       {@code %2E}. So {@code a/b} becomes {@code a%2Fb} and {@code ..} becomes {@code %2E%2E}.</li>
 *   <li>The canonical name of a stream is its segments joined by {@code /}, e.g.
 *       {@code users/alice%40x/events} (see {@link #of(String)}).</li>
 *   <li>Its URL form percent-encodes the name once more ({@link #toUrlPath()}:
 *       {@code users/alice%2540x/events}); the query-parameter form also encodes {@code /}
 *       ({@link #toQueryValue()}).</li>
 *   <li>The gateway decodes a request path exactly once ({@link #fromRequestPath(String)}), and refuses
 *       {@code %2F} and {@code %5C} (a slash must separate segments, never hide inside one), raw
 *       {@code ;} and {@code \}, {@code .} and {@code ..} segments under any spelling, empty segments,
 *       control characters, and percent escapes that are malformed or not valid UTF-8. It accepts
 *       {@code %25}: the decoded name may hold {@code %}.</li>
 *   <li>Names whose first segment begins with {@code __ds} in any letter case are
 *       {@linkplain #isReserved() reserved} for the gateway's control APIs.</li>
 * </ul>
 *
 * <p>Instances are immutable and compare by name.
 *
 * @since 0.1
 */
public final class StreamPath {

    /** Where stream URLs begin on a Durable Streams server. */
    public static final String URL_PREFIX = "/v1/stream/";

    /** The first segment, in any letter case, of the gateway's control APIs, and the prefix reserved for them. */
    public static final String CONTROL_SEGMENT = "__ds";

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final String name;
    /**
     * The segments, split at their first use: a request's path is matched against grants or patterns
     * only with auth or routing on. Racy but benign: every thread computes the same immutable list.
     */
    private List<String> segments;

    private StreamPath(String name) {
        this.name = name;
    }

    /**
     * Encodes a value as one path segment.
     *
     * @param value a non-empty, well-formed Unicode string (no unpaired surrogates)
     * @return the segment, made only of unreserved characters and {@code %XX} escapes
     * @throws IllegalArgumentException if the value is empty or holds an unpaired surrogate
     */
    public static String encodeSegment(String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("an empty value cannot form a path segment");
        }
        if (!isWellFormedUnicode(value)) {
            throw new IllegalArgumentException("a value with an unpaired UTF-16 surrogate cannot form a path segment");
        }
        boolean onlyDots = value.chars().allMatch(c -> c == '.');
        return percentEncode(value, onlyDots);
    }

    /**
     * Reverses {@link #encodeSegment(String)}.
     *
     * @param segment a segment produced by {@link #encodeSegment(String)}
     * @return the original value
     * @throws IllegalArgumentException if the segment is not in encoded form
     */
    public static String decodeSegment(String segment) {
        if (!isEncodedSegment(segment)) {
            throw new IllegalArgumentException("not an encoded path segment");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                bytes.write(Integer.parseInt(segment.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * Tells whether a string is a canonical segment: non-empty, only unreserved characters and
     * {@code %XX} escapes with upper-case hex digits, and not made only of dots.
     *
     * @param segment the candidate segment
     * @return {@code true} if {@link #encodeSegment(String)} could have produced it, or it is literal text
     */
    public static boolean isEncodedSegment(String segment) {
        if (segment.isEmpty() || segment.chars().allMatch(c -> c == '.')) {
            return false;
        }
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                if (i + 2 >= segment.length() || !isUpperHex(segment.charAt(i + 1)) || !isUpperHex(segment.charAt(i + 2))) {
                    return false;
                }
                i += 2;
            } else if (!isUnreserved(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Tells whether a character is one of RFC 3986's unreserved characters.
     *
     * @param c a character or byte value
     * @return {@code true} for {@code A-Z a-z 0-9 - . _ ~}
     */
    public static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    /**
     * A canonical name: what the transforms put in the {@code ds.stream} header and the connector writes to.
     *
     * @param name segments of unreserved characters and {@code %XX} escapes separated by {@code /}, such as
     *     {@code tenants/acme/users/%2E%2E}
     * @return the path
     * @throws InvalidStreamPathException saying what is wrong, without repeating the name
     */
    public static StreamPath of(String name) {
        String problem = problem(name);
        if (problem != null) {
            throw new InvalidStreamPathException(problem);
        }
        return new StreamPath(name);
    }

    /**
     * Describes what keeps a string from being a canonical name, without repeating it.
     *
     * @param name the candidate
     * @return a short reason, or {@code null} if {@link #of(String)} accepts it
     */
    public static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "a stream path must not be empty";
        }
        if (name.startsWith("/")) {
            return "a stream path is relative and must not start with '/'";
        }
        String[] segments = name.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (!isEncodedSegment(segments[i])) {
                return "segment " + (i + 1) + " of the stream path is empty, only dots, or holds a character"
                        + " outside A-Z a-z 0-9 - . _ ~ that is not escaped as %XX";
            }
        }
        if (isReservedName(name)) {
            return "stream paths beginning with " + CONTROL_SEGMENT + " are reserved for control APIs";
        }
        return null;
    }

    /**
     * Decodes a request path exactly once, as the gateway does, and checks it.
     *
     * @param rawPath the path of a request target as sent (still percent-encoded, no query), such as
     *     {@code /v1/stream/users/alice%2540x/events}; an absolute form {@code http://host/...} is accepted
     * @return the stream the request names; it may be {@linkplain #isReserved() reserved}
     * @throws InvalidStreamPathException if the decoded path does not start with {@value #URL_PREFIX}
     *     (with {@link InvalidStreamPathException#notStreamPath()} true) or breaks a rule of this class
     */
    public static StreamPath fromRequestPath(String rawPath) {
        String path = withoutAuthority(rawPath);
        StreamPath plain = plainRequestPath(path);
        return plain != null ? plain : decodedRequestPath(path);
    }

    /**
     * The common request path, checked in one pass with nothing to decode: {@value #URL_PREFIX}, then
     * segments of unreserved characters, none of them {@code .} or {@code ..}. Everything it accepts
     * {@link #decodedRequestPath(String)} accepts as the same name (decoding changes none of those
     * characters); anything else, escapes included, is left to it.
     *
     * @return the path, or null when the general rules must decide
     */
    private static StreamPath plainRequestPath(String path) {
        int length = path.length();
        if (length <= URL_PREFIX.length() || !path.startsWith(URL_PREFIX)) {
            return null;
        }
        int segmentStart = URL_PREFIX.length();
        boolean onlyDots = true;
        for (int i = segmentStart; i <= length; i++) {
            char c = i < length ? path.charAt(i) : '/';
            if (c == '/') {
                int segmentLength = i - segmentStart;
                if (segmentLength == 0 || onlyDots && segmentLength <= 2) {
                    return null;
                }
                segmentStart = i + 1;
                onlyDots = true;
            } else if (isUnreserved(c)) {
                onlyDots &= c == '.';
            } else {
                return null;
            }
        }
        return new StreamPath(path.substring(URL_PREFIX.length()));
    }

    /** {@link #fromRequestPath(String)} by the general rules: decode once, then check. */
    static StreamPath decodedRequestPath(String path) {
        String decoded = decodeUrlPath(path);
        if (!decoded.startsWith(URL_PREFIX) || decoded.length() == URL_PREFIX.length()) {
            throw new InvalidStreamPathException("streams live under " + URL_PREFIX + "<path>", true);
        }
        return checkedName(decoded.substring(URL_PREFIX.length()));
    }

    /**
     * Decodes the URL form of a name exactly once and checks it: the path after {@value #URL_PREFIX}.
     *
     * @param rawPath the URL form, such as {@code users/alice%2540x/events}
     * @return the path
     * @throws InvalidStreamPathException if it breaks a rule of this class
     */
    public static StreamPath fromUrlPath(String rawPath) {
        return checkedName(decodeUrlPath(rawPath));
    }

    /**
     * Checks a name that was already decoded (a query parameter's value, say), by the same rules as a
     * decoded request path: no empty, {@code .} or {@code ..} segment, no backslash, no control character.
     *
     * @param name the decoded name
     * @return the path
     * @throws InvalidStreamPathException if it breaks a rule
     */
    public static StreamPath fromName(String name) {
        if (name.indexOf('\\') >= 0) {
            throw new InvalidStreamPathException("stream path contains a backslash");
        }
        return checkedName(name);
    }

    /**
     * Reads the stream a query parameter names (the {@code path} of the gateway's source-offsets API), from
     * its value as the server already decoded it once: the name itself ({@code users/alice%40x}, what
     * {@link #toQueryValue()} encodes) or the name after {@value #URL_PREFIX}
     * ({@code /v1/stream/users/alice%40x}). It is never decoded again, and checked by the rules of
     * {@link #fromName(String)}; a {@linkplain #isReserved() reserved} name is refused too. The gateway's
     * auth layer and its handler both read the parameter with this method, so they resolve one stream.
     *
     * @param decoded the parameter's value, decoded once
     * @return the stream it names, never reserved
     * @throws InvalidStreamPathException if it names no stream
     */
    public static StreamPath fromQueryParameter(String decoded) {
        String name = decoded.startsWith(URL_PREFIX) ? decoded.substring(URL_PREFIX.length()) : decoded;
        StreamPath path = fromName(name);
        if (path.isReserved()) {
            throw new InvalidStreamPathException(
                    "stream paths beginning with " + CONTROL_SEGMENT + " are reserved for control APIs");
        }
        return path;
    }

    private static String withoutAuthority(String raw) {
        int scheme = raw.indexOf("://");
        if (scheme > 0 && raw.indexOf('/') > scheme) {
            int slash = raw.indexOf('/', scheme + 3);
            return slash < 0 ? "/" : raw.substring(slash);
        }
        return raw;
    }

    private static StreamPath checkedName(String name) {
        if (name.isEmpty()) {
            throw new InvalidStreamPathException("stream path is empty");
        }
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty()) {
                throw new InvalidStreamPathException("stream path has an empty segment (leading, trailing or double '/')");
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw new InvalidStreamPathException("stream path contains a '.' or '..' segment");
            }
            for (int i = 0; i < segment.length(); i++) {
                if (Character.isISOControl(segment.charAt(i))) {
                    throw new InvalidStreamPathException("stream path contains a control character");
                }
            }
        }
        return new StreamPath(name);
    }

    private static String decodeUrlPath(String raw) {
        byte[] bytes = new byte[raw.length()];
        int length = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int value = hexByte(raw, i);
                if (value == '/' || value == '\\') {
                    throw new InvalidStreamPathException(
                            "stream path contains an encoded slash or backslash (%2F, %5C); a value holding '/' is"
                            + " one segment written %2F in the name and %252F in the URL");
                }
                bytes[length++] = (byte) value;
                i += 2;
            } else {
                if (c == ';') {
                    throw new InvalidStreamPathException(
                            "stream path contains a raw ';' (path parameters are not supported); write it as %3B");
                }
                if (c == '\\') {
                    throw new InvalidStreamPathException("stream path contains a backslash");
                }
                if (c < 0x21 || c > 0x7e) {
                    throw new InvalidStreamPathException("stream path contains a raw space, control or non-ASCII"
                            + " character; percent-encode it");
                }
                bytes[length++] = (byte) c;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidStreamPathException("stream path is not valid UTF-8 once percent-decoded");
        }
    }

    private static int hexByte(String raw, int at) {
        if (at + 2 >= raw.length()) {
            throw new InvalidStreamPathException("stream path has a truncated percent escape");
        }
        int high = Character.digit(raw.charAt(at + 1), 16);
        int low = Character.digit(raw.charAt(at + 2), 16);
        if (high < 0 || low < 0) {
            throw new InvalidStreamPathException("stream path has a malformed percent escape");
        }
        return high << 4 | low;
    }

    /**
     * The name: for a stream routed by the DSK transforms, its canonical name.
     *
     * @return the segments joined by {@code /}
     */
    public String name() {
        return name;
    }

    /**
     * The segments, each non-empty and never {@code .} or {@code ..}.
     *
     * @return the segments in order
     */
    public List<String> segments() {
        List<String> split = segments;
        if (split == null) {
            split = List.of(name.split("/", -1));
            segments = split;
        }
        return split;
    }

    /**
     * Whether the first segment begins with {@value #CONTROL_SEGMENT} in any letter case, so no stream can
     * have this name.
     *
     * @return true for the control APIs' paths and every other spelling of their prefix
     */
    public boolean isReserved() {
        return isReservedName(name);
    }

    /**
     * Whether a name begins with {@value #CONTROL_SEGMENT} in any letter case, so no stream can have it.
     *
     * @param name a stream name, or the start of one
     * @return true for the control APIs' paths and every other spelling of their prefix
     */
    public static boolean isReservedName(CharSequence name) {
        return name.length() >= CONTROL_SEGMENT.length()
                && name.subSequence(0, CONTROL_SEGMENT.length()).toString().toLowerCase(Locale.ROOT)
                        .equals(CONTROL_SEGMENT);
    }

    /**
     * The URL form, to append to {@value #URL_PREFIX} (or a stream base URL and {@code /}): each segment
     * percent-encoded once more, so {@code %} becomes {@code %25} and {@link #fromUrlPath(String)} gives
     * back exactly this name.
     *
     * @return the URL form
     */
    public String toUrlPath() {
        List<String> segments = segments();
        StringBuilder out = new StringBuilder(name.length() + 16);
        for (int i = 0; i < segments.size(); i++) {
            if (i > 0) {
                out.append('/');
            }
            out.append(percentEncode(segments.get(i), false));
        }
        return out.toString();
    }

    /**
     * The form of the name as a query parameter's value: like {@link #toUrlPath()}, with {@code /}
     * written {@code %2F} too.
     *
     * @return the encoded name
     */
    public String toQueryValue() {
        return percentEncode(name, false);
    }

    private static String percentEncode(String text, boolean encodeDots) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int unsigned = b & 0xFF;
            if (isUnreserved(unsigned) && !(encodeDots && unsigned == '.')) {
                out.append((char) unsigned);
            } else {
                out.append('%').append(HEX[unsigned >> 4]).append(HEX[unsigned & 0xF]);
            }
        }
        return out.toString();
    }

    static boolean isWellFormedUnicode(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isUpperHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StreamPath path && path.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
