package io.dsk.connector.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.dsk.connector.config.GatewayReachability.Verdict;
import java.net.URI;
import org.junit.jupiter.api.Test;

class GatewayReachabilityTest {

    private static final URI URL = URI.create("http://127.0.0.1:4437/v1/stream");
    private static final URI ROOT = URI.create("http://127.0.0.1:4437");

    @Test
    void theProtocolsRefusalOfIncompleteProducerHeadersConfirmsTheUrl() {
        assertThat(GatewayReachability.verdict(URL, 400).kind()).isEqualTo(Verdict.Kind.PROTOCOL);
    }

    @Test
    void authAndLoadAnswersCannotConfirmButAreNoError() {
        for (int status : new int[] {401, 403, 429, 500, 502, 503, 504}) {
            Verdict verdict = GatewayReachability.verdict(URL, status);
            assertThat(verdict.kind()).as("HTTP %d", status).isEqualTo(Verdict.Kind.UNCONFIRMED);
            assertThat(verdict.message()).contains(String.valueOf(status));
        }
    }

    @Test
    void anyOtherAnswerMeansTheUrlDoesNotServeTheProtocol() {
        for (int status : new int[] {200, 204, 301, 302, 404, 405, 415}) {
            Verdict verdict = GatewayReachability.verdict(ROOT, status);
            assertThat(verdict.kind()).as("HTTP %d", status).isEqualTo(Verdict.Kind.NOT_PROTOCOL);
            assertThat(verdict.message()).contains("ds.url").contains(String.valueOf(status))
                    .contains("http://127.0.0.1:4437/v1/stream");
        }
    }
}
