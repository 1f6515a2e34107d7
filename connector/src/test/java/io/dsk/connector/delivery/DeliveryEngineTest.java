package io.dsk.connector.delivery;

import static io.dsk.protocol.HeaderNames.DSK_SOURCE_WATERMARK;
import static io.dsk.protocol.HeaderNames.PRODUCER_EPOCH;
import static io.dsk.protocol.HeaderNames.PRODUCER_EXPECTED_SEQ;
import static io.dsk.protocol.HeaderNames.STREAM_CLOSED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.dsk.connector.config.ClosedStreamBehavior;
import io.dsk.connector.config.DurableStreamsSinkConfig;
import io.dsk.connector.config.StreamContentType;
import io.dsk.connector.delivery.client.AppendRequest;
import io.dsk.connector.delivery.client.CreateRequest;
import io.dsk.connector.delivery.client.SourceWatermarkAnswer;
import io.dsk.connector.delivery.client.TransportResponse;
import io.dsk.connector.metrics.SinkMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.MockTime;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class DeliveryEngineTest {

    private static final TopicPartition ORDERS_0 = new TopicPartition("orders", 0);

    private final MockTime time = new MockTime();
    private final ManualLoop loop = new ManualLoop(time);
    private final ManualTransport transport = new ManualTransport(loop);
    private final Records.CollectingSink dlq = new Records.CollectingSink();
    private DeliveryEngine engine = engine(Records.settings(3, 4, true, 60_000));

    private DeliveryEngine engine(DeliverySettings settings) {
        return new DeliveryEngine(settings, transport, dlq, SinkMetrics.NONE, time, loop);
    }

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    @Test
    void firstAppendOfASessionCarriesProducerHeadersAtEpochZeroAndTheSourceRange() throws Exception {
        engine.accept(Records.json("a", "orders", 0, 10));

        AppendRequest request = transport.call(0).append();
        assertThat(request.epoch()).isZero();
        assertThat(request.seq()).isZero();
        assertThat(request.producerId()).isEqualTo(ProducerIds.of("orders-sink", "orders", 0, "a"));
        assertThat(request.source().headerValue()).isEqualTo("orders/0/10/10");
        assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo("[{\"p\":0,\"o\":10}]");
    }

    @Test
    void recordsQueuedBehindARequestInFlightFollowInOneBatchWithTheNextSeq() throws Exception {
        engine.accept(Records.json("a", "orders", 0, 1));
        engine.accept(Records.json("a", "orders", 0, 4));
        engine.accept(Records.json("a", "orders", 0, 9));
        ManualTransport.Call first = transport.call(0);
        assertThat(transport.callCount()).isEqualTo(1);

        first.reply(200, Map.of(DSK_SOURCE_WATERMARK, "1"));
        AppendRequest second = transport.call(1).append();

        assertThat(second.seq()).isEqualTo(1);
        assertThat(second.source().headerValue()).isEqualTo("orders/0/4/9");
    }

    @Test
    void batchesNeverExceedTheRecordLimit() throws Exception {
        engine.close();
        engine = engine(Records.settings(2, 4, true, 60_000));
        engine.accept(Records.json("a", "orders", 0, 1));
        transport.call(0);
        for (long offset = 2; offset <= 6; offset++) {
            engine.accept(Records.json("a", "orders", 0, offset));
        }
        transport.call(0).reply(200);

        assertThat(transport.call(1).append().source().headerValue()).isEqualTo("orders/0/2/3");
    }

    @Test
    void aClosingRecordEndsItsBatchAndClosesTheStream() throws Exception {
        engine.accept(Records.json("a", "orders", 0, 1));
        engine.accept(Records.json("a", "orders", 0, 2));
        engine.accept(Records.closing("a", "orders", 0, 3, false));
        engine.accept(Records.json("a", "orders", 0, 4));
        transport.call(0).reply(200);

        AppendRequest closing = transport.call(1).append();
        assertThat(closing.close()).isTrue();
        assertThat(closing.source().headerValue()).isEqualTo("orders/0/2/3");
        assertThat(new String(closing.body(), StandardCharsets.UTF_8)).isEqualTo("[{\"p\":0,\"o\":2}]");
    }

    @Test
    void aDuplicateAnswerToTheFirstRequestOfASessionClaimsTheNextEpochAndResends() throws Exception {
        engine.accept(Records.json("a", "orders", 0, 5));
        transport.call(0).reply(204, Map.of(PRODUCER_EPOCH, "0"));

        AppendRequest resent = transport.call(1).append();
        assertThat(resent.epoch()).isEqualTo(1);
        assertThat(resent.seq()).isZero();
        assertThat(resent.source().headerValue()).isEqualTo("orders/0/5/5");
    }

    @Test
    void aDuplicateAnswerCoveredByTheWatermarkIsDeliveredAndTheNextBatchUsesANewEpoch() throws Exception {
        engine.accept(Records.json("a", "orders", 0, 5));
        transport.call(0).reply(204, Map.of(PRODUCER_EPOCH, "0", DSK_SOURCE_WATERMARK, "7"));
        assertThat(engine.committableOffsets()).containsEntry(ORDERS_0, 6L);

        engine.accept(Records.json("a", "orders", 0, 8));
        AppendRequest next = transport.call(1).append();
        assertThat(next.epoch()).isEqualTo(1);
        assertThat(next.seq()).isZero();
    }

    @Test
    void aStaleEpochAnswerClaimsTheServersEpochPlusOne() throws Exception {
        engine.accept(Records.json("a", "orders", 0, 5));
        transport.call(0).reply(403, Map.of(PRODUCER_EPOCH, "6"));

        AppendRequest claim = transport.call(1).append();
        assertThat(claim.epoch()).isEqualTo(7);
        assertThat(claim.seq()).isZero();
    }

    @Test
    void beingFencedAfterTheSessionWasConfirmedFailsTheTask() throws Exception {
        engine.accept(Records.json("a", "orders", 0, 1));
        transport.call(0).reply(200);
        engine.accept(Records.json("a", "orders", 0, 2));
        transport.call(1).reply(403, Map.of(PRODUCER_EPOCH, "3"));

        assertThat(failed()).isTrue();
        assertThatThrownBy(() -> engine.accept(Records.json("a", "orders", 0, 3)))
                .isInstanceOf(ConnectException.class).hasMessageContaining("Another producer took over");
    }

    @Test
    void aBatchStraddlingTheWatermarkIsTrimmedAndResentWithTheSameSeq() throws Exception {
        engine.accept(Records.json("a", "orders", 0, 1));
        for (long offset : new long[] {3, 5, 8}) {
            engine.accept(Records.json("a", "orders", 0, offset));
        }
        transport.call(0).reply(200);
        AppendRequest straddling = transport.call(1).append();
        assertThat(straddling.source().headerValue()).isEqualTo("orders/0/3/8");
        transport.call(1).reply(409, Map.of(DSK_SOURCE_WATERMARK, "5"));

        AppendRequest trimmed = transport.call(2).append();
        assertThat(trimmed.seq()).isEqualTo(straddling.seq());
        assertThat(trimmed.epoch()).isEqualTo(straddling.epoch());
        assertThat(trimmed.source().headerValue()).isEqualTo("orders/0/8/8");
        assertThat(engine.committableOffsets()).containsEntry(ORDERS_0, 8L);
    }

    @Test
    void aSequenceGapStartsANewEpoch() throws Exception {
        engine.accept(Records.json("a", "orders", 0, 1));
        transport.call(0).reply(200);
        engine.accept(Records.json("a", "orders", 0, 2));
        transport.call(1).reply(409, Map.of(PRODUCER_EXPECTED_SEQ, "7"));

        AppendRequest next = transport.call(2).append();
        assertThat(next.epoch()).isEqualTo(1);
        assertThat(next.seq()).isZero();
    }

    @Test
    void aLateRecordForAClosedStreamIsSkippedByDefaultCountedAndTheTaskGoesOn() throws Exception {
        AtomicInteger skipped = new AtomicInteger();
        engine.close();
        engine = new DeliveryEngine(Records.settings(3, 4, true, 60_000), transport, dlq, new SinkMetrics() {
            @Override
            public void closedStreamSkipped(int records) {
                skipped.addAndGet(records);
            }
        }, time, loop);
        engine.accept(Records.json("a", "orders", 0, 1));
        engine.accept(Records.json("b", "orders", 0, 2));
        transport.call(0).reply(409, Map.of(STREAM_CLOSED, "true"));
        transport.call(1).reply(200);

        assertThat(engine.committableOffsets()).containsEntry(ORDERS_0, 3L);
        assertThat(dlq.records).isEmpty();
        assertThat(skipped).hasValue(1);
        assertThat(failed()).isFalse();
    }

    @Test
    void withClosedStreamBehaviorFailALateRecordStopsTheTaskNamingTheOption() throws Exception {
        engine.close();
        engine = engine(Records.settings(3, 4, true, 60_000, ClosedStreamBehavior.FAIL));
        engine.accept(Records.json("a", "orders", 0, 1));
        transport.call(0).reply(409, Map.of(STREAM_CLOSED, "true"));

        assertThat(dlq.records).isEmpty();
        assertThatThrownBy(() -> engine.throwIfFailed()).isInstanceOf(ConnectException.class)
                .hasMessageContaining(DurableStreamsSinkConfig.CLOSED_STREAM_BEHAVIOR_CONFIG);
    }

    @Test
    void aRefusedWatermarkLookupIsLoggedSayingWhichGrantTheTokenNeeds() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(DeliveryEngine.class);
        log.start();
        logger.addAppender(log);
        try {
            transport.watermark = new SourceWatermarkAnswer(403, OptionalLong.empty(), Map.of(), "forbidden");
            engine.accept(Records.closing("job", "orders", 0, 1, true));
            transport.call(0).reply(409, Map.of(STREAM_CLOSED, "true"));

            assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage).anySatisfy(line ->
                    assertThat(line).contains("job").contains("HTTP 403")
                            .contains(DurableStreamsSinkConfig.TOKEN_CONFIG).contains("read or write grant"));
        } finally {
            logger.detachAppender(log);
        }
    }

    @Test
    void withClosedStreamBehaviorDlqRecordsForAClosedStreamGoToTheErrantRecordReporter() throws Exception {
        engine.close();
        engine = engine(Records.settings(3, 4, true, 60_000, ClosedStreamBehavior.DLQ));
        engine.accept(Records.json("a", "orders", 0, 1));
        engine.accept(Records.json("b", "orders", 0, 2));
        transport.call(0).reply(409, Map.of(STREAM_CLOSED, "true"));
        transport.call(1).reply(200);

        assertThat(engine.committableOffsets()).containsEntry(ORDERS_0, 3L);
        assertThat(dlq.records).extracting(r -> r.kafkaOffset()).containsExactly(1L);
        assertThat(dlq.reasons.get(0)).contains("closed");
    }

    @Test
    void aClosingBatchRedeliveredAfterACrashIsRecognisedByTheWatermarkNotDeadLettered() throws Exception {
        FakeGateway gateway = new FakeGateway(2);
        try {
            for (int session = 0; session < 2; session++) {
                DeliveryEngine run = new DeliveryEngine(Records.settings(8, 4, true, 60_000), gateway, dlq,
                        SinkMetrics.NONE);
                run.accept(Records.json("job", "orders", 0, 1));
                run.accept(Records.closing("job", "orders", 0, 2, true));
                assertThat(run.drain(Duration.ofSeconds(10))).isTrue();
                assertThat(run.committableOffsets()).containsEntry(ORDERS_0, 3L);
                run.close();
            }
            assertThat(dlq.records).isEmpty();
            assertThat(gateway.isClosed("job")).isTrue();
            assertThat(gateway.messages("job")).containsExactly("{\"p\":0,\"o\":1}", "{\"p\":0,\"o\":2}");
        } finally {
            gateway.shutdown();
        }
    }

    @Test
    void withClosedStreamBehaviorDlqRecordsAboveTheWatermarkOfAClosedStreamAreBadRecords() throws Exception {
        engine.close();
        engine = engine(Records.settings(3, 4, true, 60_000, ClosedStreamBehavior.DLQ));
        transport.watermark = SourceWatermarkAnswer.found(OptionalLong.of(1));
        engine.accept(Records.json("a", "orders", 0, 1));
        engine.accept(Records.json("a", "orders", 0, 2));
        transport.call(0).reply(409, Map.of(STREAM_CLOSED, "true"));
        transport.call(1).reply(409, Map.of(STREAM_CLOSED, "true"));

        assertThat(engine.committableOffsets()).containsEntry(ORDERS_0, 3L);
        assertThat(dlq.records).extracting(r -> r.kafkaOffset()).containsExactly(2L);
    }

    @Test
    void aMissingStreamIsCreatedWithItsContentTypeThenAppendedWithTheSameSeq() throws Exception {
        engine.accept(Records.json("a", "orders", 0, 1));
        transport.call(0).reply(404);
        ManualTransport.Call create = transport.call(1);
        assertThat(create.create().contentType()).isEqualTo(StreamContentType.JSON.mediaType());
        create.reply(201);

        AppendRequest retried = transport.call(2).append();
        assertThat(retried.seq()).isZero();
        assertThat(retried.epoch()).isZero();
    }

    @Test
    void aMissingStreamIsCreatedWithTheConfiguredRetention() throws Exception {
        DeliverySettings base = Records.settings(3, 4, true, 60_000);
        engine = engine(new DeliverySettings(base.connectorName(), base.batchMaxRecords(), base.batchMaxBytes(),
                base.lingerMs(), base.maxInFlight(), base.maxBufferedRecords(), true, -1, "", base.retryPolicy(),
                base.urlConfigHint(), base.closedStream(), 1500, 1 << 20));
        engine.accept(Records.json("a", "orders", 0, 1));
        transport.call(0).reply(404);

        CreateRequest create = transport.call(1).create();

        assertThat(create.retentionMs()).isEqualTo(1500);
        assertThat(create.retentionSeconds()).as("sent in whole seconds, rounded up").isEqualTo(2);
        assertThat(create.retentionBytes()).isEqualTo(1 << 20);
    }

    @Test
    void aMissingStreamWithoutAutoCreateIsABadRecordNamingTheSetting() throws Exception {
        engine.close();
        engine = engine(Records.settings(3, 4, false, 60_000));
        engine.accept(Records.json("a", "orders", 0, 1));
        transport.call(0).reply(404);

        assertThat(dlq.records).hasSize(1);
        assertThat(dlq.reasons.get(0)).contains("ds.auto.create=true");
    }

    @Test
    void aRejectedBatchIsHalvedUntilTheBadRecordIsAlone() throws Exception {
        FakeGateway gateway = new FakeGateway(1);
        try {
            engine.close();
            engine = new DeliveryEngine(Records.settings(8, 4, true, 60_000), gateway, dlq, SinkMetrics.NONE);
            for (long offset = 0; offset < 8; offset++) {
                byte[] payload = (offset == 5 ? "{broken" : "{\"o\":" + offset + "}").getBytes(StandardCharsets.UTF_8);
                engine.accept(new PendingRecord(Records.sink("orders", 0, offset), "a", StreamContentType.JSON,
                        payload, false));
            }
            assertThat(engine.drain(Duration.ofSeconds(10))).isTrue();

            assertThat(dlq.records).extracting(r -> r.kafkaOffset()).containsExactly(5L);
            assertThat(gateway.messages("a")).containsExactly("{\"o\":0}", "{\"o\":1}", "{\"o\":2}", "{\"o\":3}",
                    "{\"o\":4}", "{\"o\":6}", "{\"o\":7}");
            assertThat(engine.committableOffsets()).containsEntry(ORDERS_0, 8L);
        } finally {
            gateway.shutdown();
        }
    }

    @Test
    void aSingleRecordTooLargeForTheServerIsABadRecordWithTheServersReason() throws Exception {
        engine.accept(Records.json("a", "orders", 0, 1));
        transport.call(0).reply(TransportResponse.of(413, Map.of(), "body exceeds 1048576 bytes"));

        assertThat(dlq.records).hasSize(1);
        assertThat(dlq.reasons.get(0)).contains("HTTP 413").contains("body exceeds 1048576 bytes");
    }

    @Test
    void aContentTypeConflictAndADeletedStreamAreBadRecords() throws Exception {
        engine.accept(Records.json("a", "orders", 0, 1));
        engine.accept(Records.json("b", "orders", 0, 2));
        transport.call(0).reply(409);
        transport.call(1).reply(410);

        assertThat(dlq.records).hasSize(2);
        assertThat(dlq.reasons).anySatisfy(reason -> assertThat(reason).contains("ds.content.type"))
                .anySatisfy(reason -> assertThat(reason).contains("410 Gone"));
    }

    @Test
    void anUnauthorisedWriteFailsTheTaskNamingTheToken() throws Exception {
        engine.accept(Records.json("a", "orders", 0, 1));
        transport.call(0).reply(401);

        assertThat(failed()).isTrue();
        assertThatThrownBy(() -> engine.throwIfFailed()).hasMessageContaining("ds.token");
    }

    @Test
    void retryAfterFromTheServerIsHonoured() throws Exception {
        engine.accept(Records.json("a", "orders", 0, 1));
        transport.call(0).reply(429, Map.of("Retry-After", "2"));

        time.sleep(1_999);
        assertThat(transport.callCount()).isEqualTo(1);
        time.sleep(1);
        assertThat(transport.call(1).append().seq()).isZero();
    }

    @Test
    void transientFailuresAreRetriedWithTheSameEpochAndSeq() throws Exception {
        engine.accept(Records.json("a", "orders", 0, 1));
        transport.call(0).fail(new IOException("connection reset"));
        time.sleep(5);
        transport.call(1).reply(503);
        time.sleep(5);
        AppendRequest third = transport.call(2).append();

        assertThat(third.seq()).isEqualTo(transport.call(0).append().seq());
        assertThat(third.epoch()).isEqualTo(transport.call(0).append().epoch());
    }

    @Test
    void aServerThatStaysDownFailsTheTaskNamingTheUrlAndTheSettings() throws Exception {
        engine.close();
        engine = engine(Records.settings(3, 4, true, 50));
        engine.accept(Records.json("a", "orders", 0, 1));
        for (int call = 0; !failed(); call++) {
            transport.call(call).fail(new java.net.ConnectException("refused"));
            time.sleep(5);
        }
        assertThatThrownBy(() -> engine.throwIfFailed()).isInstanceOf(ConnectException.class)
                .hasMessageContaining("http://127.0.0.1:4437/v1/stream/")
                .hasMessageContaining("ds.url")
                .hasMessageContaining("ds.retry.timeout.ms");
    }

    @Test
    void committableOffsetsStopAtTheOldestRecordNotYetAcknowledged() throws Exception {
        engine.accept(Records.json("a", "orders", 0, 10));
        engine.accept(Records.json("b", "orders", 0, 12));
        engine.skip(Records.sink("orders", 0, 15));
        ManualTransport.Call first = transport.call(0);
        ManualTransport.Call second = transport.call(1);
        ManualTransport.Call toB = first.append().path().equals("b") ? first : second;
        ManualTransport.Call toA = toB == first ? second : first;

        toB.reply(200);
        assertThat(engine.committableOffsets()).containsEntry(ORDERS_0, 10L);
        toA.reply(200);
        assertThat(engine.committableOffsets()).containsEntry(ORDERS_0, 16L);
    }

    @Test
    void releasedPartitionsAreForgottenAndTheirLateAnswersIgnored() throws Exception {
        engine.accept(Records.json("a", "orders", 0, 1));
        ManualTransport.Call inFlight = transport.call(0);
        engine.release(java.util.List.of(ORDERS_0));
        inFlight.reply(200);

        assertThat(engine.committableOffsets()).doesNotContainKey(ORDERS_0);
        assertThat(engine.laneCount()).isZero();
    }

    private boolean failed() {
        try {
            engine.throwIfFailed();
            return false;
        } catch (ConnectException e) {
            return true;
        }
    }

    @Test
    void aHandedOverRunIsQueuedWholeAndEachLaneSendsItsRecordsInOffsetOrder() throws Exception {
        engine.accept(List.of(Records.json("a", "orders", 0, 1), Records.json("b", "orders", 0, 2),
                Records.json("a", "orders", 0, 3), Records.json("a", "orders", 1, 4),
                Records.json("a", "orders", 0, 5), Records.json("b", "orders", 0, 6)));

        assertThat(List.of(transport.call(0).append(), transport.call(1).append(), transport.call(2).append()))
                .extracting(request -> request.path() + " " + request.source().headerValue() + " "
                        + new String(request.body(), StandardCharsets.UTF_8))
                .containsExactly("a orders/0/1/5 [{\"p\":0,\"o\":1},{\"p\":0,\"o\":3},{\"p\":0,\"o\":5}]",
                        "b orders/0/2/6 [{\"p\":0,\"o\":2},{\"p\":0,\"o\":6}]",
                        "a orders/1/4/4 [{\"p\":1,\"o\":4}]");
        assertThat(transport.callCount()).isEqualTo(3);
    }

    @Test
    void aRunLargerThanTheBufferWaitsForAnswersAndKeepsOrder() throws Exception {
        engine.close();
        RetryPolicy retry = new RetryPolicy(1_000, 1, 5, 0.0, 60_000, () -> 0.5);
        engine = engine(new DeliverySettings("orders-sink", 2, 1 << 20, 0, 4, 3, true, -1, "", retry, "ds.url",
                ClosedStreamBehavior.SKIP));
        List<PendingRecord> run = new ArrayList<>();
        for (long offset = 0; offset < 7; offset++) {
            run.add(Records.json("a", "orders", 0, offset));
        }
        Thread task = new Thread(() -> engine.accept(run));
        task.start();

        long next = 0;
        for (int n = 0; next < 7; n++) {
            ManualTransport.Call call = transport.call(n);
            AppendRequest request = call.append();
            assertThat(request.source().firstOffset()).isEqualTo(next);
            assertThat(request.source().lastOffset() - request.source().firstOffset()).isBetween(0L, 1L);
            next = request.source().lastOffset() + 1;
            call.reply(200);
        }
        task.join(TimeUnit.SECONDS.toMillis(10));
        loop.runPending();

        assertThat(task.isAlive()).isFalse();
        assertThat(engine.committableOffsets()).containsEntry(ORDERS_0, 7L);
    }
}
