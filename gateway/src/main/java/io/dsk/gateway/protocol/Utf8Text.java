package io.dsk.gateway.protocol;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 (RFC 3629) for request bodies: overlong forms, surrogates (U+D800 to U+DFFF, also as
 * CESU-8 pairs), code points above U+10FFFF, stray continuation bytes and truncated sequences are
 * all refused. The JDK's decoder is this strict; the body is decoded through a small buffer, so a
 * check costs no copy of the body.
 */
public final class Utf8Text {

    private static final int BUFFER_CHARS = 4096;

    private Utf8Text() {
    }

    /**
     * @param body the bytes to check
     * @param what what the bytes are, for the refusal ({@code body})
     * @throws ProtocolException 400 naming the offset of the first byte that is not UTF-8
     */
    public static void requireValid(byte[] body, String what) {
        int invalidAt = firstInvalid(body);
        if (invalidAt >= 0) {
            throw ProtocolException.badRequest(what + " is not valid UTF-8 at byte " + invalidAt
                    + " (RFC 3629: no overlong forms, surrogates or code points above U+10FFFF)");
        }
    }

    /** The offset of the first byte of the first invalid sequence, or -1 if all of it is UTF-8. */
    static int firstInvalid(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(Math.max(2, Math.min(bytes.length, BUFFER_CHARS)));
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                return in.position();
            }
            if (result.isUnderflow()) {
                return decoder.flush(out).isError() ? in.position() : -1;
            }
            out.clear();
        }
    }
}
