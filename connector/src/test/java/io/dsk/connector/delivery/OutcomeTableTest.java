package io.dsk.connector.delivery;

import static io.dsk.protocol.HeaderNames.DSK_SOURCE_WATERMARK;
import static io.dsk.protocol.HeaderNames.PRODUCER_EPOCH;
import static io.dsk.protocol.HeaderNames.PRODUCER_EXPECTED_SEQ;
import static io.dsk.protocol.HeaderNames.RETRY_AFTER;
import static io.dsk.protocol.HeaderNames.STREAM_CLOSED;
import static org.assertj.core.api.Assertions.assertThat;

import io.dsk.connector.config.DurableStreamsSinkConfig;
import io.dsk.connector.delivery.Outcome.Kind;
import io.dsk.connector.delivery.client.SourceWatermarkAnswer;
import io.dsk.connector.delivery.client.TransportResponse;
import java.io.IOException;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class OutcomeTableTest {

    private static final long NOW = 1_000_000L;

    private static Outcome append(int status, Map<String, String> headers) {
        return OutcomeTable.ofAppend(TransportResponse.of(status, headers, "why"), NOW);
    }

    private static Outcome append(int status) {
        return append(status, Map.of());
    }

    private static Outcome create(int status) {
        return OutcomeTable.ofCreate(TransportResponse.of(status, Map.of(), "why"), NOW);
    }

    private static Outcome lookup(int status) {
        return OutcomeTable.ofWatermarkLookup(new SourceWatermarkAnswer(status, OptionalLong.empty(), Map.of(), ""), NOW);
    }

    @Test
    void anAppendAnswered204IsADuplicate() {
        assertThat(append(204).kind()).isEqualTo(Kind.DUPLICATE);
    }

    @Test
    void anAppendAnsweredWithAnyOther2xxIsDone() {
        assertThat(append(200).kind()).isEqualTo(Kind.DONE);
        assertThat(append(201).kind()).isEqualTo(Kind.DONE);
    }

    @Test
    void a403WithAProducerEpochIsAStaleEpochCarryingTheServersEpoch() {
        Outcome outcome = append(403, Map.of(PRODUCER_EPOCH, "6"));

        assertThat(outcome.kind()).isEqualTo(Kind.STALE_EPOCH);
        assertThat(outcome.serverEpoch()).isEqualTo(6);
    }

    @Test
    void a401OrA403WithoutEpochIsFatalNamingTheTokenSetting() {
        assertThat(append(401).kind()).isEqualTo(Kind.FATAL);
        assertThat(append(403).kind()).isEqualTo(Kind.FATAL);
        assertThat(append(403).reason()).contains(DurableStreamsSinkConfig.TOKEN_CONFIG);
    }

    @Test
    void a404MeansTheStreamIsMissingNamingTheAutoCreateSetting() {
        assertThat(append(404).kind()).isEqualTo(Kind.STREAM_MISSING);
        assertThat(append(404).reason()).contains(DurableStreamsSinkConfig.AUTO_CREATE_CONFIG + "=true");
    }

    @Test
    void a409WithStreamClosedMeansTheStreamIsClosed() {
        assertThat(append(409, Map.of(STREAM_CLOSED, "true", DSK_SOURCE_WATERMARK, "4")).kind())
                .isEqualTo(Kind.STREAM_CLOSED);
    }

    @Test
    void a409WithAnExpectedSeqIsASequenceGap() {
        assertThat(append(409, Map.of(PRODUCER_EXPECTED_SEQ, "7")).kind()).isEqualTo(Kind.SEQUENCE_GAP);
    }

    @Test
    void a409WithASourceWatermarkIsTrimAndResendCarryingTheWatermark() {
        Outcome outcome = append(409, Map.of(DSK_SOURCE_WATERMARK, "5"));

        assertThat(outcome.kind()).isEqualTo(Kind.TRIM_AND_RESEND);
        assertThat(outcome.watermark()).isEqualTo(5);
    }

    @Test
    void aPlain409IsABadRecordNamingTheContentTypeSetting() {
        Outcome outcome = append(409);

        assertThat(outcome.kind()).isEqualTo(Kind.BAD_RECORD);
        assertThat(outcome.reason()).contains(DurableStreamsSinkConfig.CONTENT_TYPE_CONFIG);
        assertThat(outcome.serverReason()).isEqualTo("why");
    }

    @Test
    void a400OrA413RefusesTheBodyWithTheServersReason() {
        assertThat(append(400).kind()).isEqualTo(Kind.BODY_REFUSED);
        assertThat(append(413).kind()).isEqualTo(Kind.BODY_REFUSED);
        assertThat(append(413).reason()).contains("HTTP 413");
        assertThat(append(413).serverReason()).isEqualTo("why");
    }

    @Test
    void a408A429OrA5xxIsRetriedAfterTheServersWaitWhenItNamesOne() {
        assertThat(append(408).kind()).isEqualTo(Kind.RETRY_AFTER);
        assertThat(append(500).kind()).isEqualTo(Kind.RETRY_AFTER);
        assertThat(append(503).retryAfterMs()).isEqualTo(-1);
        assertThat(append(429, Map.of(RETRY_AFTER, "3")).retryAfterMs()).isEqualTo(3_000);
    }

    @Test
    void a410IsABadRecordSayingTheStreamWasDeleted() {
        assertThat(append(410).kind()).isEqualTo(Kind.BAD_RECORD);
        assertThat(append(410).reason()).contains("410 Gone");
    }

    @Test
    void anyOtherAppendAnswerIsABadRecordWithTheServersReason() {
        Outcome outcome = append(422);

        assertThat(outcome.kind()).isEqualTo(Kind.BAD_RECORD);
        assertThat(outcome.reason()).contains("HTTP 422");
        assertThat(outcome.serverReason()).isEqualTo("why");
    }

    @Test
    void noAnswerAtAllIsRetriedNamingTheError() {
        Outcome outcome = OutcomeTable.ofNoAnswer(new CompletionException(new IOException("connection reset")));

        assertThat(outcome.kind()).isEqualTo(Kind.RETRY_AFTER);
        assertThat(outcome.retryAfterMs()).isEqualTo(-1);
        assertThat(outcome.reason()).isEqualTo("IOException: connection reset");
    }

    @Test
    void aCreateAnsweredTransientlyIsRetriedLikeAnAppend() {
        assertThat(create(429).kind()).isEqualTo(Kind.RETRY_AFTER);
        assertThat(create(408).kind()).isEqualTo(Kind.RETRY_AFTER);
        assertThat(create(502).kind()).isEqualTo(Kind.RETRY_AFTER);
    }

    @Test
    void aCreateAnsweredWithA2xxIsDone() {
        assertThat(create(201).kind()).isEqualTo(Kind.DONE);
        assertThat(create(200).kind()).isEqualTo(Kind.DONE);
    }

    @Test
    void aRefusedCreateIsFatalNamingTheTokenAndAutoCreateSettings() {
        assertThat(create(403).kind()).isEqualTo(Kind.FATAL);
        assertThat(create(401).reason()).contains(DurableStreamsSinkConfig.TOKEN_CONFIG)
                .contains(DurableStreamsSinkConfig.AUTO_CREATE_CONFIG + "=false");
    }

    @Test
    void aCreateConflictIsABadRecordNamingTheStreamSettings() {
        assertThat(create(409).kind()).isEqualTo(Kind.BAD_RECORD);
        assertThat(create(409).reason()).contains(DurableStreamsSinkConfig.CONTENT_TYPE_CONFIG)
                .contains(DurableStreamsSinkConfig.STREAM_TTL_CONFIG)
                .contains(DurableStreamsSinkConfig.STREAM_EXPIRES_AT_CONFIG);
    }

    @Test
    void anyOtherCreateAnswerIsABadRecord() {
        assertThat(create(400).kind()).isEqualTo(Kind.BAD_RECORD);
        assertThat(create(400).reason()).contains("HTTP 400");
    }

    @Test
    void aWatermarkLookupAnswered200IsDoneWithTheWatermarkOrMinusOne() {
        Outcome found = OutcomeTable.ofWatermarkLookup(SourceWatermarkAnswer.found(OptionalLong.of(9)), NOW);

        assertThat(found.kind()).isEqualTo(Kind.DONE);
        assertThat(found.watermark()).isEqualTo(9);
        assertThat(lookup(200).watermark()).isEqualTo(-1);
    }

    @Test
    void aRefusedWatermarkLookupIsNotAnsweredAndSaysWhichGrantTheTokenNeeds() {
        assertThat(lookup(401).kind()).isEqualTo(Kind.NOT_ANSWERED);
        assertThat(lookup(403).kind()).isEqualTo(Kind.NOT_ANSWERED);
        assertThat(lookup(403).reason()).contains(DurableStreamsSinkConfig.TOKEN_CONFIG).contains("read or write grant");
    }

    @Test
    void aWatermarkLookupAnsweredTransientlyIsRetried() {
        assertThat(lookup(503).kind()).isEqualTo(Kind.RETRY_AFTER);
        assertThat(lookup(429).kind()).isEqualTo(Kind.RETRY_AFTER);
    }

    @Test
    void aWatermarkLookupAnsweredOtherwiseMeansNoWatermark() {
        assertThat(lookup(404).kind()).isEqualTo(Kind.DONE);
        assertThat(lookup(404).watermark()).isEqualTo(-1);
    }
}
