package io.dsk.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dsk.connector.config.CloseTrigger;
import io.dsk.connector.config.DecimalFormat;
import io.dsk.connector.config.NullValueBehavior;
import io.dsk.connector.config.StreamContentType;
import io.dsk.connector.config.TemporalFormat;
import io.dsk.connector.delivery.PendingRecord;
import io.dsk.connector.render.JsonValueRenderer;
import io.dsk.connector.render.RecordRenderer;
import io.dsk.connector.route.StreamPathTemplate;
import io.dsk.connector.route.StreamRouter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class RecordPlannerTest {

    private static RecordPlanner planner(CloseTrigger closeOn, NullValueBehavior nulls) {
        StreamRouter router = new StreamRouter(StreamPathTemplate.parse("${topic}/${key}"), Map.of(),
                StreamContentType.JSON, Map.of(), true);
        RecordRenderer renderer = new RecordRenderer(new JsonValueRenderer(DecimalFormat.STRING,
                TemporalFormat.ISO8601), false, List.of(), true);
        return new RecordPlanner(router, renderer, closeOn, nulls);
    }

    private static SinkRecord record(Object value) {
        return new SinkRecord("jobs", 0, Schema.STRING_SCHEMA, "j1", null, value, 3);
    }

    private static SinkRecord withCloseHeader(Object value) {
        SinkRecord record = record(value);
        record.headers().addString("ds.close", "TRUE");
        return record;
    }

    @Test
    void aValueIsRenderedAndAppendedToItsRoutedStream() {
        PendingRecord planned = planner(CloseTrigger.HEADER, NullValueBehavior.SKIP).plan(record(Map.of("p", 50)));

        assertThat(planned.path()).isEqualTo("jobs/j1");
        assertThat(new String(planned.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"p\":50}");
        assertThat(planned.closes()).isFalse();
    }

    @Test
    void theCloseHeaderAppendsTheValueAndClosesWhenEnabled() {
        assertThat(planner(CloseTrigger.HEADER, NullValueBehavior.SKIP).plan(withCloseHeader("done")).closes()).isTrue();
        assertThat(planner(CloseTrigger.TOMBSTONE, NullValueBehavior.SKIP).plan(withCloseHeader("done")).closes())
                .isFalse();
    }

    @Test
    void aBooleanCloseHeaderCountsAndOtherValuesDoNot() {
        SinkRecord booleanHeader = record("done");
        booleanHeader.headers().addBoolean("ds.close", true);
        SinkRecord falseHeader = record("done");
        falseHeader.headers().addString("ds.close", "yes");

        assertThat(planner(CloseTrigger.HEADER, NullValueBehavior.SKIP).plan(booleanHeader).closes()).isTrue();
        assertThat(planner(CloseTrigger.HEADER, NullValueBehavior.SKIP).plan(falseHeader).closes()).isFalse();
    }

    @Test
    void tombstonesCloseWithoutDataWhenEnabled() {
        PendingRecord planned = planner(CloseTrigger.BOTH, NullValueBehavior.SKIP).plan(record(null));

        assertThat(planned.closes()).isTrue();
        assertThat(planned.payload()).isNull();
    }

    @Test
    void nullValuesAreSkippedClosedOrFailedAsConfigured() {
        assertThat(planner(CloseTrigger.HEADER, NullValueBehavior.SKIP).plan(record(null))).isNull();
        assertThat(planner(CloseTrigger.NONE, NullValueBehavior.CLOSE).plan(record(null)).closes()).isTrue();
        assertThat(planner(CloseTrigger.HEADER, NullValueBehavior.SKIP).plan(withCloseHeader(null)).closes()).isTrue();
        assertThatThrownBy(() -> planner(CloseTrigger.NONE, NullValueBehavior.FAIL).plan(record(null)))
                .isInstanceOf(DataException.class).hasMessageContaining("ds.null.value.behavior=fail");
    }
}
