package io.dsk.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestHeaderParsingTest {

    @Test
    void ttlIsAPlainDecimalNumberOfSeconds() {
        assertThat(StreamExpiry.parse("3600", null).ttlSeconds()).isEqualTo(3600);
        assertThat(StreamExpiry.parse("0", null).ttlSeconds()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"+3600", "03600", "3600.0", "3.6e3", "-1", "", "abc"})
    void malformedTtlsAreBadRequests(String ttl) {
        assertBadRequest(() -> StreamExpiry.parse(ttl, null));
    }

    @Test
    void expiresAtIsAnRfc3339Timestamp() {
        StreamExpiry e = StreamExpiry.parse(null, "2030-01-01T00:00:00+01:00");

        assertThat(e.expiresAtMillis()).isEqualTo(java.time.Instant.parse("2029-12-31T23:00:00Z").toEpochMilli());
        assertThat(e.expiresAt()).isEqualTo("2030-01-01T00:00:00+01:00");
        assertBadRequest(() -> StreamExpiry.parse(null, "tomorrow"));
    }

    @Test
    void ttlAndExpiresAtTogetherAreABadRequest() {
        assertBadRequest(() -> StreamExpiry.parse("60", "2030-01-01T00:00:00Z"));
    }

    @Test
    void producerHeadersComeAllThreeOrNone() {
        assertThat(ProducerHeaders.parse(null, null, null)).isNull();
        assertThat(ProducerHeaders.parse("p", "1", "2")).isEqualTo(new ProducerHeaders("p", 1, 2));
        assertBadRequest(() -> ProducerHeaders.parse("p", "1", null));
        assertBadRequest(() -> ProducerHeaders.parse("", "1", "2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "1.5", "01", "abc", "9007199254740992", "99999999999999999999"})
    void producerNumbersAreNonNegativeSafeIntegers(String value) {
        assertBadRequest(() -> ProducerHeaders.parse("p", value, "0"));
        assertBadRequest(() -> ProducerHeaders.parse("p", "0", value));
    }

    @Test
    void theLargestSafeIntegerIsAccepted() {
        assertThat(ProducerHeaders.parse("p", "9007199254740991", "0").epoch()).isEqualTo(9007199254740991L);
    }

    @Test
    void sourceRangesNameTopicPartitionAndOffsets() {
        assertThat(SourceRange.parse("orders.v1/3/10/19")).isEqualTo(new SourceRange("orders.v1", 3, 10, 19));
        assertThat(SourceRange.parse(null)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"orders/3/19/10", "orders/3/10", "/3/1/2", "orders/-1/1/2", "orders/x/1/2",
            "a/b/3/1/2", "orders/3/01/2", "orders/3/1/99999999999999999999",
            "ord ers/0/1/2", "t\u0000x/0/1/2"})
    void malformedSourceRangesAreBadRequests(String value) {
        assertBadRequest(() -> SourceRange.parse(value));
    }

    @Test
    void contentTypesCompareByMediaTypeIgnoringCaseAndParameters() {
        assertThat(ContentTypes.matches("text/plain", "TEXT/PLAIN; charset=utf-8")).isTrue();
        assertThat(ContentTypes.matches("text/plain", "application/json")).isFalse();
        assertThat(ContentTypes.matches("Text/Plain; charset=utf-8", "Text/Plain; charset=utf-8")).isTrue();
        assertThat(ContentTypes.matches(null, "text/plain")).isFalse();
        assertThat(ContentTypes.isJson("Application/JSON; charset=utf-8")).isTrue();
        assertThat(ContentTypes.isSseText("text/csv")).isTrue();
        assertThat(ContentTypes.isSseText("application/octet-stream")).isFalse();
    }

    private static void assertBadRequest(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(ProtocolException.class)
                .satisfies(e -> assertThat(((ProtocolException) e).status()).isEqualTo(400));
    }
}
