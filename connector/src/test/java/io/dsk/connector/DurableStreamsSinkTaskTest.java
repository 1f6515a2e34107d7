package io.dsk.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dsk.connector.config.DurableStreamsSinkConfig;
import io.dsk.connector.delivery.client.AppendRequest;
import io.dsk.connector.delivery.client.CreateRequest;
import io.dsk.connector.delivery.client.SourceWatermarkAnswer;
import io.dsk.connector.delivery.client.StreamTransport;
import io.dsk.connector.delivery.client.TransportResponse;
import io.dsk.connector.metrics.SinkMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DurableStreamsSinkTaskTest {

    private static final TopicPartition P0 = new TopicPartition("orders", 0);

    /** Accepts every append and remembers it; streams always exist. */
    private static final class AcceptingTransport implements StreamTransport {
        final List<AppendRequest> appends = new CopyOnWriteArrayList<>();

        @Override
        public CompletableFuture<TransportResponse> append(AppendRequest request) {
            appends.add(request);
            return CompletableFuture.completedFuture(TransportResponse.of(200, Map.of(), ""));
        }

        @Override
        public CompletableFuture<TransportResponse> create(CreateRequest request) {
            return CompletableFuture.completedFuture(TransportResponse.of(201, Map.of(), ""));
        }

        @Override
        public CompletableFuture<SourceWatermarkAnswer> sourceWatermark(String path, String topic, int partition) {
            return CompletableFuture.completedFuture(SourceWatermarkAnswer.found(java.util.OptionalLong.empty()));
        }

        @Override
        public String urlOf(String path) {
            return "http://127.0.0.1:4437/v1/stream/" + path;
        }

        @Override
        public void close() {
        }
    }

    private final List<SinkRecord> reported = new ArrayList<>();
    private final AcceptingTransport transport = new AcceptingTransport();
    private final DurableStreamsSinkTask task = new DurableStreamsSinkTask();

    @AfterEach
    void stop() {
        task.stop();
    }

    private boolean withReporter = true;

    private void start() {
        task.initialize(new SinkTaskContext() {
            @Override
            public Map<String, String> configs() {
                return Map.of();
            }

            @Override
            public void offset(Map<TopicPartition, Long> offsets) {
            }

            @Override
            public void offset(TopicPartition partition, long offset) {
            }

            @Override
            public void timeout(long timeoutMs) {
            }

            @Override
            public Set<TopicPartition> assignment() {
                return Set.of(P0);
            }

            @Override
            public void pause(TopicPartition... partitions) {
            }

            @Override
            public void resume(TopicPartition... partitions) {
            }

            @Override
            public void requestCommit() {
            }

            @Override
            public ErrantRecordReporter errantRecordReporter() {
                if (!withReporter) {
                    return null;
                }
                return (record, error) -> {
                    reported.add(record);
                    Future<Void> done = CompletableFuture.completedFuture(null);
                    return done;
                };
            }

            @Override
            public PluginMetrics pluginMetrics() {
                return null;
            }
        });
        DurableStreamsSinkConfig config = new DurableStreamsSinkConfig(Map.of("ds.url",
                "http://127.0.0.1:4437/v1/stream", "ds.stream.template", "users/${key}", "ds.linger.ms", "0"));
        task.start(config, "sink", transport, SinkMetrics.NONE);
    }

    private static SinkRecord record(String key, Object value, long offset) {
        return new SinkRecord("orders", 0, Schema.OPTIONAL_STRING_SCHEMA, key, null, value, offset);
    }

    @Test
    void goodRecordsAreAppendedBadOnesReportedAndOffsetsCommittedPastBoth() throws Exception {
        start();
        task.open(List.of(P0));
        task.put(List.of(record("alice", Map.of("n", 1), 3), record(null, Map.of("n", 2), 4),
                record("bob", null, 6), record("alice", Map.of("n", 3), 8)));

        assertThat(task.engine().drain(Duration.ofSeconds(10))).isTrue();

        assertThat(task.preCommit(Map.of(P0, new OffsetAndMetadata(9)))).containsEntry(P0, new OffsetAndMetadata(9));
        assertThat(reported).extracting(SinkRecord::kafkaOffset).containsExactly(4L);
        assertThat(transport.appends).extracting(AppendRequest::path).containsOnly("users/alice");
        String bodies = transport.appends.stream().map(a -> new String(a.body(), StandardCharsets.UTF_8))
                .reduce("", String::concat);
        assertThat(bodies).contains("{\"n\":1}").contains("{\"n\":3}").doesNotContain("{\"n\":2}");
    }

    @Test
    void withoutAnErrantRecordReporterABadRecordFailsTheTaskNamingItsCoordinatesAndTheSettings() {
        withReporter = false;
        start();

        assertThatThrownBy(() -> task.put(List.of(record(null, Map.of("n", 2), 4))))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("orders-0@4")
                .hasMessageContaining("errors.tolerance=all")
                .hasMessageContaining("${key}")
                .hasMessageNotContaining("\"n\"");
    }

    @Test
    void preCommitLeavesOutPartitionsWithoutDeliveredRecords() {
        start();

        assertThat(task.preCommit(Map.of(P0, new OffsetAndMetadata(100)))).isEmpty();
    }
}
