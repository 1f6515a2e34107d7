package io.dsk.connector.delivery.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The URLs the transport builds from canonical stream names; no request is sent. */
class HttpStreamTransportTest {

    private final HttpStreamTransport transport = new HttpStreamTransport(URI.create("http://gw:4437/v1/stream"), null,
            null, Duration.ofSeconds(1));

    @AfterEach
    void close() {
        transport.close();
    }

    @Test
    void aStreamUrlEncodesTheCanonicalNameOnceMore() {
        assertThat(transport.urlOf("tenants/acme/users/%2E%2E")).isEqualTo(
                "http://gw:4437/v1/stream/tenants/acme/users/%252E%252E");
        assertThat(transport.urlOf("users/alice%40x/events")).isEqualTo(
                "http://gw:4437/v1/stream/users/alice%2540x/events");
        assertThat(transport.urlOf("rooms/42")).isEqualTo("http://gw:4437/v1/stream/rooms/42");
    }

    @Test
    void theBaseUrlStandsAloneWithoutAPath() {
        assertThat(transport.urlOf("")).isEqualTo("http://gw:4437/v1/stream");
    }

    @Test
    void theSourceOffsetsQueryCarriesTheNameAsOneEncodedValue() {
        assertThat(transport.sourceOffsetsUri("users/alice%40x/events")).isEqualTo(URI.create(
                "http://gw:4437/v1/stream/__ds/source-offsets?path=users%2Falice%2540x%2Fevents"));
    }
}
