package io.dsk.transforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class CloseStreamTest {

    private static final Schema CHUNK = SchemaBuilder.struct()
            .field("text", Schema.STRING_SCHEMA)
            .field("finish_reason", Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    private static CloseStream<SinkRecord> closeStream(Map<String, String> props) {
        CloseStream<SinkRecord> transform = new CloseStream<>();
        transform.configure(props);
        return transform;
    }

    private static boolean closes(SinkRecord record) {
        return StreamHeaders.closesStream(record.headers());
    }

    @Test
    void lastTokenOfAResponseClosesItsStream() {
        CloseStream<SinkRecord> transform = closeStream(Map.of("field", "value.finish_reason"));

        SinkRecord last = transform.apply(TestRecords.withSchema(null, null, CHUNK,
                new Struct(CHUNK).put("text", ".").put("finish_reason", "stop")));
        SinkRecord middle = transform.apply(TestRecords.withSchema(null, null, CHUNK, new Struct(CHUNK).put("text", "Hi")));

        assertThat(closes(last)).isTrue();
        Header header = last.headers().lastWithName(StreamHeaders.CLOSE);
        assertThat(header.value()).isEqualTo(true);
        assertThat(header.schema()).isEqualTo(Schema.BOOLEAN_SCHEMA);
        assertThat(closes(middle)).isFalse();
        assertThat(middle.headers().lastWithName(StreamHeaders.CLOSE)).isNull();
    }

    @Test
    void presentButNullFieldDoesNotClose() {
        Map<String, Object> chunk = new HashMap<>();
        chunk.put("finish_reason", null);

        assertThat(closes(closeStream(Map.of("field", "value.finish_reason")).apply(TestRecords.schemaless("k", chunk))))
                .isFalse();
    }

    @Test
    void finalJobStatusClosesAndOthersDoNot() {
        CloseStream<SinkRecord> transform = closeStream(Map.of("field", "value.status", "values", "succeeded,failed,cancelled"));

        assertThat(closes(transform.apply(TestRecords.schemaless("job-1", Map.of("status", "failed"))))).isTrue();
        assertThat(closes(transform.apply(TestRecords.schemaless("job-1", Map.of("status", "running"))))).isFalse();
        assertThat(closes(transform.apply(TestRecords.schemaless("job-1", Map.of("status", "FAILED"))))).isFalse();
        assertThat(closes(transform.apply(TestRecords.schemaless("job-1", Map.of())))).isFalse();
    }

    @Test
    void headerEqualToAValueCloses() {
        CloseStream<SinkRecord> transform = closeStream(Map.of("field", "header.event", "values", "done"));

        assertThat(closes(transform.apply(TestRecords.schemaless("k", "v", Map.of("event", "done"))))).isTrue();
        assertThat(closes(transform.apply(TestRecords.schemaless("k", "v", Map.of("event", "delta"))))).isFalse();
    }

    @Test
    void numbersAndBooleansCompareByTheirText() {
        CloseStream<SinkRecord> transform = closeStream(Map.of("field", "value.last", "values", "true"));

        assertThat(closes(transform.apply(TestRecords.schemaless("k", Map.of("last", true))))).isTrue();
        assertThat(closes(transform.apply(TestRecords.schemaless("k", Map.of("last", false))))).isFalse();
    }

    @Test
    void tombstoneDoesNotCloseOnAValueField() {
        assertThat(closes(closeStream(Map.of("field", "value.finish_reason")).apply(TestRecords.schemaless("k", null))))
                .isFalse();
    }

    @Test
    void staleCloseHeaderIsReplacedAndInputIsUnchanged() {
        SinkRecord input = TestRecords.schemaless("k", Map.of("finish_reason", "stop"),
                Map.of(StreamHeaders.CLOSE, "no", StreamHeaders.STREAM, "chats/42"));

        SinkRecord output = closeStream(Map.of("field", "value.finish_reason")).apply(input);

        assertThat(output.headers().allWithName(StreamHeaders.CLOSE)).toIterable().hasSize(1);
        assertThat(TestRecords.streamHeader(output)).isEqualTo("chats/42");
        assertThat(output.value()).isSameAs(input.value());
        assertThat(closes(output)).isTrue();
        assertThat(input.headers().lastWithName(StreamHeaders.CLOSE).value()).isEqualTo("no");
    }

    @Test
    void predicateSharesTheCondition() {
        StreamEnding<SinkRecord> predicate = new StreamEnding<>();
        predicate.configure(Map.of("field", "value.status", "values", "succeeded"));

        assertThat(predicate.test(TestRecords.schemaless("k", Map.of("status", "succeeded")))).isTrue();
        assertThat(predicate.test(TestRecords.schemaless("k", Map.of("status", "running")))).isFalse();
        assertThat(predicate.test(TestRecords.schemaless("k", null))).isFalse();
    }

    @Test
    void badOrMissingFieldIsAConfigErrorNamingTheKey() {
        assertThatThrownBy(() -> closeStream(Map.of())).isInstanceOf(ConfigException.class).hasMessageContaining("field");
        assertThatThrownBy(() -> closeStream(Map.of("field", "finish_reason")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("field");
        StreamEnding<SinkRecord> predicate = new StreamEnding<>();
        assertThatThrownBy(() -> predicate.configure(Map.of("field", "value.")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("field");
    }

    @Test
    void validationReportsAMissingFieldByNameInsteadOfFailing() {
        assertThat(ConfigErrors.of(CloseStream.CONFIG_DEF, Map.of("values", "done")))
                .containsOnlyKeys("field").hasEntrySatisfying("field", message -> assertThat(message).contains("field"));
    }

    @Test
    void validationReportsAMalformedFieldByName() {
        assertThat(ConfigErrors.of(CloseStream.CONFIG_DEF, Map.of("field", "body.finish_reason")))
                .containsOnlyKeys("field");
        assertThat(ConfigErrors.of(CloseStream.CONFIG_DEF, Map.of("field", "value.finish_reason"))).isEmpty();
    }

    @Test
    void streamEndingPredicateValidatesTheSameWay() {
        assertThat(ConfigErrors.of(StreamEnding.CONFIG_DEF, Map.of())).containsOnlyKeys("field");
        assertThat(ConfigErrors.of(StreamEnding.CONFIG_DEF, Map.of("field", "header."))).containsOnlyKeys("field");
        assertThat(ConfigErrors.of(StreamEnding.CONFIG_DEF, Map.of("field", "header.event"))).isEmpty();
    }
}
