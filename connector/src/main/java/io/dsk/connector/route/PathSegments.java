package io.dsk.connector.route;

import java.nio.charset.StandardCharsets;

/**
 * Escaping and checking of stream path segments.
 *
 * <p>A value substituted into a template is percent-encoded so that it always stays inside one path
 * segment: {@code /}, {@code ?}, {@code #}, {@code %} and every byte outside RFC 3986's unreserved set
 * are encoded, and the segments {@code .} and {@code ..} are encoded so they cannot climb the path.
 */
public final class PathSegments {

    private static final String SUB_DELIMS_AND_COLON_AT = "!$&'()*+,;=:@";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PathSegments() {
    }

    /**
     * Encodes a value so that it is exactly one non-empty path segment.
     *
     * @param value any text; must not be empty
     * @return the encoded segment
     * @throws IllegalArgumentException if the value is empty
     */
    public static String escape(String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("an empty value cannot be a path segment");
        }
        if (value.equals(".") || value.equals("..")) {
            return value.replace(".", "%2E");
        }
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (isUnreserved(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    /**
     * Checks a complete stream path, such as the value of a {@code ds.stream} header.
     *
     * @param path a path relative to the gateway's stream base URL
     * @return a description of the first problem, or {@code null} when the path is valid
     */
    public static String problemWithPath(String path) {
        if (path.isEmpty()) {
            return "the path is empty";
        }
        if (path.startsWith("/") || path.endsWith("/")) {
            return "the path must not start or end with '/'";
        }
        for (String segment : path.split("/", -1)) {
            String problem = problemWithSegment(segment);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    static String problemWithSegment(String segment) {
        if (segment.isEmpty()) {
            return "the path has an empty segment ('//')";
        }
        if (segment.equals(".") || segment.equals("..")) {
            return "the path has a '" + segment + "' segment";
        }
        return problemWithLiteral(segment);
    }

    /**
     * Checks literal path text (no {@code /}) for characters that are not allowed unencoded in a URL path.
     *
     * @param text literal text of a segment
     * @return a description of the problem, or {@code null} when valid
     */
    static String problemWithLiteral(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length() || !isHex(text.charAt(i + 1)) || !isHex(text.charAt(i + 2))) {
                    return "'%' at index " + i + " does not start a %XX escape";
                }
                i += 2;
            } else if (!isUnreserved(c) && SUB_DELIMS_AND_COLON_AT.indexOf(c) < 0) {
                return "character '" + c + "' is not allowed in a path; percent-encode it";
            }
        }
        return null;
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
