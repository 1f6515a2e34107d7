package io.dsk.gateway.auth;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A stream path (the part after {@code /v1/stream/}) decoded exactly once and proven free of
 * anything that could make the path matched by a grant differ from the path the store serves.
 *
 * <p>Rejected, before any grant is consulted: {@code .} and {@code ..} segments (also when
 * percent-encoded), empty segments, encoded slashes and backslashes ({@code %2F}, {@code %5C}),
 * an encoded percent sign ({@code %25}, the root of double-decoding tricks), raw backslashes,
 * {@code ;} path parameters, NUL and other control characters, malformed percent escapes and
 * invalid UTF-8.
 */
final class StreamPath {

    private static final int MAX_RAW_LENGTH = 8192;

    private final String decoded;
    private final List<String> segments;

    private StreamPath(String decoded) {
        this.decoded = decoded;
        this.segments = List.of(decoded.split("/", -1));
    }

    /**
     * Decodes and checks the raw (still percent-encoded) stream path.
     *
     * @param raw the request path after the stream prefix, as sent on the wire
     * @return the path
     * @throws BadPathException naming what is wrong with the path
     */
    static StreamPath parseRaw(String raw) throws BadPathException {
        if (raw.length() > MAX_RAW_LENGTH) {
            throw new BadPathException("stream path is longer than " + MAX_RAW_LENGTH + " characters");
        }
        if (raw.isEmpty()) {
            throw new BadPathException("stream path is empty");
        }
        byte[] bytes = new byte[raw.length()];
        int length = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int value = hexByte(raw, i);
                requireAllowedEncoded(value);
                bytes[length++] = (byte) value;
                i += 2;
            } else {
                requireAllowedRaw(c);
                bytes[length++] = (byte) c;
            }
        }
        String decoded = decodeUtf8(ByteBuffer.wrap(bytes, 0, length));
        for (String segment : decoded.split("/", -1)) {
            requireValidSegment(segment);
        }
        return new StreamPath(decoded);
    }

    private static int hexByte(String raw, int at) throws BadPathException {
        if (at + 2 >= raw.length()) {
            throw new BadPathException("stream path has a truncated percent escape");
        }
        int high = Character.digit(raw.charAt(at + 1), 16);
        int low = Character.digit(raw.charAt(at + 2), 16);
        if (high < 0 || low < 0) {
            throw new BadPathException("stream path has a malformed percent escape");
        }
        return high << 4 | low;
    }

    private static void requireAllowedEncoded(int value) throws BadPathException {
        if (value == '/' || value == '\\') {
            throw new BadPathException("stream path contains an encoded slash or backslash (%2F, %5C)");
        }
        if (value == '%') {
            throw new BadPathException("stream path contains an encoded percent sign (%25)");
        }
        if (value < 0x20 || value == 0x7f) {
            throw new BadPathException("stream path contains an encoded control character");
        }
    }

    private static void requireAllowedRaw(char c) throws BadPathException {
        if (c > 0x7e || c < 0x21) {
            throw new BadPathException("stream path contains a raw control, space or non-ASCII character");
        }
        if (c == '\\') {
            throw new BadPathException("stream path contains a backslash");
        }
        if (c == ';') {
            throw new BadPathException("stream path contains ';' (path parameters are not supported)");
        }
    }

    private static String decodeUtf8(ByteBuffer bytes) throws BadPathException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes)
                    .toString();
        } catch (CharacterCodingException e) {
            throw new BadPathException("stream path is not valid UTF-8 once percent-decoded");
        }
    }

    private static void requireValidSegment(String segment) throws BadPathException {
        if (segment.isEmpty()) {
            throw new BadPathException("stream path has an empty segment (leading, trailing or double '/')");
        }
        if (segment.equals(".") || segment.equals("..")) {
            throw new BadPathException("stream path contains a '.' or '..' segment");
        }
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (Character.isISOControl(c)) {
                throw new BadPathException("stream path contains a control character");
            }
        }
    }

    /** The decoded path, without a leading slash. */
    String decoded() {
        return decoded;
    }

    /** The decoded, non-empty segments. */
    List<String> segments() {
        return segments;
    }

    boolean firstSegmentIs(String name) {
        return segments.get(0).equals(name);
    }

    @Override
    public String toString() {
        return decoded;
    }

    /** A request path that must be refused with 400 before any grant is consulted. */
    static final class BadPathException extends Exception {
        private static final long serialVersionUID = 1L;

        BadPathException(String reason) {
            super(reason, null, false, false);
        }
    }
}
