package io.dsk.gateway.protocol;

import java.util.regex.Pattern;

/**
 * Offset tokens: {@code %016d_%016d}, a zero-padded read epoch (always 0 today) and the byte
 * position in the stream. Padding makes lexicographic order equal numeric order.
 */
public final class StreamOffset {

    private static final Pattern SHAPE = Pattern.compile("\\d{16}_\\d{16}");
    private static final String EPOCH = "0000000000000000_";

    private StreamOffset() {
    }

    /** The token of a stream position. */
    public static String format(long position) {
        if (position < 0) {
            throw new IllegalArgumentException("negative position " + position);
        }
        String digits = Long.toString(position);
        return EPOCH + "0".repeat(Math.max(0, 16 - digits.length())) + digits;
    }

    /**
     * The stream position of a token minted by {@link #format}.
     *
     * @throws ProtocolException 400 if the token is not of that shape
     */
    public static long parse(String token, String what) {
        if (token == null || !SHAPE.matcher(token).matches() || !token.startsWith(EPOCH)) {
            throw ProtocolException.badRequest(what + " must be an offset returned by this server, such as "
                    + format(0) + ", or -1 or now where reads allow it");
        }
        return Long.parseLong(token.substring(EPOCH.length()));
    }
}
