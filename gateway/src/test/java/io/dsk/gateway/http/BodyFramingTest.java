package io.dsk.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dsk.gateway.protocol.ProtocolException;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import org.junit.jupiter.api.Test;

class BodyFramingTest {

    @Test
    void aSingleContentLengthOfDigitsIsTheBodyLength() {
        assertThat(BodyFraming.declaredLength(contentLength("0"))).isZero();
        assertThat(BodyFraming.declaredLength(contentLength("256"))).isEqualTo(256);
        assertThat(BodyFraming.declaredLength(contentLength("00012"))).isEqualTo(12);
        assertThat(BodyFraming.declaredLength(contentLength("999999999999999999"))).isEqualTo(999_999_999_999_999_999L);
        assertThat(BodyFraming.declaredLength(contentLength(String.valueOf(Long.MAX_VALUE)))).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void repeatedEqualLengthsAndBlanksAroundThemAreOneLength() {
        assertThat(BodyFraming.declaredLength(contentLength(" 42 "))).isEqualTo(42);
        assertThat(BodyFraming.declaredLength(contentLength("42, 42"))).isEqualTo(42);
        assertThat(BodyFraming.declaredLength(contentLength("42", "42"))).isEqualTo(42);
    }

    @Test
    void aLengthThatIsNotOneWholeNumberIsRefused() {
        for (String bad : new String[] {"+5", "-1", "5a", "0x10", "1 2", "5,6", "١٢"}) {
            assertThatThrownBy(() -> BodyFraming.declaredLength(contentLength(bad))).as(bad)
                    .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.status()).isEqualTo(400))
                    .hasMessageContaining("one non-negative whole number");
        }
        assertThatThrownBy(() -> BodyFraming.declaredLength(contentLength("5", "6")))
                .hasMessageContaining("one non-negative whole number");
    }

    @Test
    void aLengthTooLargeForANumberIsRefused() {
        assertThatThrownBy(() -> BodyFraming.declaredLength(contentLength("9223372036854775808")))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("too large");
    }

    @Test
    void noFramingIsNoBodyAndChunkedAloneIsChunked() {
        assertThat(BodyFraming.declaredLength(new HeaderMap())).isZero();
        HeaderMap chunked = new HeaderMap().put(Headers.TRANSFER_ENCODING, "Chunked");
        assertThat(BodyFraming.declaredLength(chunked)).isEqualTo(BodyFraming.CHUNKED);
        HeaderMap both = contentLength("5").put(Headers.TRANSFER_ENCODING, "chunked");
        assertThatThrownBy(() -> BodyFraming.declaredLength(both)).hasMessageContaining("not both");
        HeaderMap gzip = new HeaderMap().put(Headers.TRANSFER_ENCODING, "gzip, chunked");
        assertThatThrownBy(() -> BodyFraming.declaredLength(gzip))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.status()).isEqualTo(501));
    }

    private static HeaderMap contentLength(String... values) {
        HeaderMap headers = new HeaderMap();
        for (String value : values) {
            headers.add(Headers.CONTENT_LENGTH, value);
        }
        return headers;
    }
}
