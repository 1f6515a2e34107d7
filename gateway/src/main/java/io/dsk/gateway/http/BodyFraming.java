package io.dsk.gateway.http;

import io.dsk.gateway.protocol.ProtocolException;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How a request says where its body ends (RFC 9112 6): a {@code Content-Length}, the chunked
 * transfer coding, or neither (no body). Anything else cannot be read safely and is refused before a
 * byte of the body is read; the connection is then closed, because where the next request would
 * start is unknown.
 *
 * <p>Undertow's parser refuses some of these itself (a negative or non-numeric length, differing
 * lengths, both headers); this check sees the rest: a length too large for a number, and transfer
 * codings other than a single final {@code chunked}, which Undertow would otherwise read as chunked
 * ({@code gzip}) or read until the client closes ({@code identity}).
 */
final class BodyFraming {

    /** {@link #declaredLength} of a chunked body, whose length is known only at its end. */
    static final long CHUNKED = -1;

    private static final String CHUNKED_CODING = "chunked";
    private static final int MAX_CODING_CHARS = 40;
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    /** Below 10^18, so below {@link Long#MAX_VALUE}. */
    private static final int MAX_PLAIN_DIGITS = 18;

    private BodyFraming() {
    }

    /**
     * @param headers the request headers
     * @return the declared {@code Content-Length}, {@link #CHUNKED}, or 0 when the request has no body
     * @throws ProtocolException 400 for framing that cannot be read, 501 for a transfer coding other
     *         than chunked
     */
    static long declaredLength(HeaderMap headers) {
        HeaderValues transferEncoding = headers.get(Headers.TRANSFER_ENCODING);
        HeaderValues contentLength = headers.get(Headers.CONTENT_LENGTH);
        if (transferEncoding != null && !transferEncoding.isEmpty()) {
            if (contentLength != null && !contentLength.isEmpty()) {
                throw ProtocolException.badRequest("send either Transfer-Encoding or Content-Length, not both");
            }
            requireChunkedAlone(elements(transferEncoding));
            return CHUNKED;
        }
        if (contentLength == null || contentLength.isEmpty()) {
            return 0;
        }
        long plain = contentLength.size() == 1 ? plainLength(contentLength.getFirst()) : -1;
        return plain >= 0 ? plain : length(elements(contentLength));
    }

    /**
     * The length a request sends almost always: one value of ASCII digits alone, short enough to be
     * read without overflow. Read without splitting it into elements or matching it, since it is
     * read for every request with a body; anything else takes the general reading.
     *
     * @return the length, or -1 when the value is not that simple
     */
    private static long plainLength(String value) {
        int digits = value.length();
        if (digits == 0 || digits > MAX_PLAIN_DIGITS) {
            return -1;
        }
        long length = 0;
        for (int i = 0; i < digits; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            length = length * 10 + (c - '0');
        }
        return length;
    }

    private static void requireChunkedAlone(List<String> codings) {
        if (codings.isEmpty() || !codings.get(codings.size() - 1).equals(CHUNKED_CODING)) {
            throw ProtocolException.badRequest("Transfer-Encoding must end with chunked, or the end of the body "
                    + "is unknown; send the body chunked or with a Content-Length");
        }
        if (codings.indexOf(CHUNKED_CODING) != codings.size() - 1) {
            throw ProtocolException.badRequest("Transfer-Encoding names chunked more than once");
        }
        if (codings.size() > 1) {
            String coding = codings.get(0).length() > MAX_CODING_CHARS ? "other than chunked" : codings.get(0);
            throw new ProtocolException(501, "transfer coding " + coding
                    + " is not supported; send the body chunked alone or with a Content-Length");
        }
    }

    private static long length(List<String> values) {
        String first = values.isEmpty() ? "" : values.get(0);
        for (String value : values) {
            if (!DIGITS.matcher(value).matches() || !value.equals(first)) {
                throw ProtocolException.badRequest("Content-Length must be one non-negative whole number");
            }
        }
        try {
            return Long.parseLong(first);
        } catch (NumberFormatException e) {
            throw ProtocolException.badRequest("Content-Length is too large to be a length");
        }
    }

    /** The comma-separated elements of every value of a header, trimmed, in lower case, empty ones skipped. */
    private static List<String> elements(HeaderValues values) {
        List<String> out = new ArrayList<>();
        for (String value : values) {
            for (String element : value.split(",", -1)) {
                String trimmed = element.trim();
                if (!trimmed.isEmpty()) {
                    out.add(trimmed.toLowerCase(Locale.ROOT));
                }
            }
        }
        return out;
    }
}
