package io.dsk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FailureReasonsTest {

    private static Refusal refusal(int status, String body, Map<String, List<String>> headers) {
        return Refusal.of(status, HttpHeaders.of(headers, (name, value) -> true), body.getBytes(StandardCharsets.UTF_8));
    }

    private static String describe(int status, String body, Map<String, List<String>> headers) {
        return FailureReasons.describe(refusal(status, body, headers), "stream chat/room-1", false);
    }

    @Test
    void notFoundNamesTheStreamTheGatewaysReasonAndTheStatus() {
        assertThat(describe(404, "no stream at this path", Map.of()))
                .isEqualTo("stream chat/room-1 not found: no stream at this path (HTTP 404)");
    }

    @Test
    void notFoundWithoutABodyStillNamesTheStream() {
        assertThat(describe(404, "", Map.of())).isEqualTo("stream chat/room-1 not found (HTTP 404)");
    }

    @Test
    void theJsonControlApisGiveTheirReasonInTheErrorField() {
        assertThat(describe(400, "{\"error\":\"limit must be an integer from 1 to 1000\"}",
                Map.of("Content-Type", List.of("application/json"))))
                .isEqualTo("bad request: limit must be an integer from 1 to 1000 (HTTP 400)");
    }

    @Test
    void aMissingTokenSaysWhereToGiveOneAndARefusedTokenSaysWhatToCheck() {
        Refusal refusal = refusal(401, "missing bearer token", Map.of());
        assertThat(FailureReasons.describe(refusal, "stream s", false))
                .isEqualTo("the gateway wants a token: missing bearer token; pass one with --token, --token-file"
                        + " or DSK_TOKEN (HTTP 401)");
        assertThat(FailureReasons.describe(refusal(401, "invalid token: bad signature", Map.of()), "stream s", true))
                .startsWith("the gateway refused the token: invalid token: bad signature; check --token")
                .endsWith("(HTTP 401)");
    }

    @Test
    void aStaleProducerEpochSaysWhichEpochStartsANewSession() {
        assertThat(describe(403, "stale producer epoch", Map.of("Producer-Epoch", List.of("4"))))
                .isEqualTo("producer epoch is stale: the gateway is at epoch 4; start a new session with --epoch 5"
                        + " --seq 0: stale producer epoch (HTTP 403)");
    }

    @Test
    void aSequenceGapSaysWhichSeqTheGatewayExpects() {
        assertThat(describe(409, "", Map.of("Producer-Expected-Seq", List.of("3"), "Producer-Received-Seq",
                List.of("7")))).isEqualTo("producer sequence gap: the gateway expects --seq 3, this was --seq 7 (HTTP 409)");
    }

    @Test
    void anAppendToAClosedStreamNamesItsFinalOffset() {
        assertThat(describe(409, "stream is closed", Map.of("Stream-Closed", List.of("true"), "Stream-Next-Offset",
                List.of("0000000000000000_0000000000000042"))))
                .isEqualTo("stream chat/room-1 is closed at offset 0000000000000000_0000000000000042; nothing was"
                        + " written: stream is closed (HTTP 409)");
    }

    @Test
    void aReasonIsKeptToOneShortLineWithoutControlCharacters() {
        String reason = Refusal.reason("text/plain", ("first\tline\nsecond line").getBytes(StandardCharsets.UTF_8));
        assertThat(reason).isEqualTo("first line");
        String longReason = Refusal.reason("text/plain", "x".repeat(1000).getBytes(StandardCharsets.UTF_8));
        assertThat(longReason).hasSize(Refusal.MAX_REASON_CHARS + 3).endsWith("...");
    }

    @Test
    void rateLimitsAndUnavailabilityAreRetriableAndSayWhenToRetry() {
        assertThat(describe(429, "", Map.of("Retry-After", List.of("2"))))
                .isEqualTo("rate limited, retry after 2 s (HTTP 429)");
        assertThat(FailureReasons.kind(429)).isEqualTo(CommandFailure.Kind.NOT_APPLIED);
        assertThat(FailureReasons.kind(503)).isEqualTo(CommandFailure.Kind.NOT_APPLIED);
        assertThat(FailureReasons.kind(500)).isEqualTo(CommandFailure.Kind.OUTCOME_UNKNOWN);
        assertThat(FailureReasons.kind(507)).isEqualTo(CommandFailure.Kind.PERMANENT);
        assertThat(FailureReasons.kind(404)).isEqualTo(CommandFailure.Kind.PERMANENT);
    }
}
