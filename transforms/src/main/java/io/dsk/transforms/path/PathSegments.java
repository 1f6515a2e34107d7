package io.dsk.transforms.path;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The escaping rule that keeps a value inside one segment of a stream path.
 *
 * <p>A value is encoded as its UTF-8 bytes: the RFC 3986 unreserved characters
 * ({@code A-Z a-z 0-9 - . _ ~}) pass unchanged and every other byte becomes {@code %XX} with upper-case
 * hex digits. A value made only of dots ({@code .}, {@code ..}, ...) has each dot encoded as
 * {@code %2E}, so it can never act as a relative path step. The result therefore never holds
 * {@code /}, {@code \}, a control character or a raw {@code %}, and never is {@code .} or
 * {@code ..}.
 *
 * <p>The encoding is injective: {@link #decode(String)} returns the original value, so two distinct
 * values always give two distinct segments ({@code %2F} becomes {@code %252F}, not {@code /}).
 * An empty value has no segment form; callers treat it as missing.
 *
 * @since 0.1
 */
public final class PathSegments {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PathSegments() {
    }

    /**
     * Encodes a value as one stream path segment.
     *
     * @param value a non-empty, well-formed Unicode string (no unpaired surrogates)
     * @return the segment, made only of unreserved characters and {@code %XX} escapes
     * @throws IllegalArgumentException if the value is empty or holds an unpaired surrogate
     */
    public static String encode(String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("an empty value cannot form a path segment");
        }
        if (!isWellFormedUnicode(value)) {
            throw new IllegalArgumentException("a value with an unpaired UTF-16 surrogate cannot form a path segment");
        }
        boolean onlyDots = value.chars().allMatch(c -> c == '.');
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int unsigned = b & 0xFF;
            if (isUnreserved(unsigned) && !(onlyDots && unsigned == '.')) {
                out.append((char) unsigned);
            } else {
                out.append('%').append(HEX[unsigned >> 4]).append(HEX[unsigned & 0xF]);
            }
        }
        return out.toString();
    }

    /**
     * Reverses {@link #encode(String)}.
     *
     * @param segment a segment produced by {@link #encode(String)}
     * @return the original value
     * @throws IllegalArgumentException if the segment is not in encoded form
     */
    public static String decode(String segment) {
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
     * Tells whether a string is a legal segment: non-empty, only unreserved characters and
     * {@code %XX} escapes with upper-case hex digits, and not made only of dots.
     *
     * @param segment the candidate segment
     * @return {@code true} if it could have been produced by {@link #encode(String)} or written
     *     literally in a template
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
}
