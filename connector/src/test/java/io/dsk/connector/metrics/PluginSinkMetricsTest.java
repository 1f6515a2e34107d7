package io.dsk.connector.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.junit.jupiter.api.Test;

class PluginSinkMetricsTest {

    private static double value(Metrics metrics, String name) {
        for (Map.Entry<MetricName, KafkaMetric> entry : metrics.metrics().entrySet()) {
            if (entry.getKey().name().equals(name)) {
                return ((Number) entry.getValue().metricValue()).doubleValue();
            }
        }
        throw new AssertionError("no metric " + name);
    }

    @Test
    void countsAreRegisteredWithThePluginMetricsAndRemovedOnClose() throws Exception {
        try (Metrics metrics = new Metrics();
             PluginMetricsImpl plugin = new PluginMetricsImpl(metrics, Map.of("connector", "c", "task", "0"))) {
            PluginSinkMetrics sink = new PluginSinkMetrics(plugin);
            sink.written(3, 120);
            sink.written(2, 80);
            sink.batchSent();
            sink.retried();
            sink.duplicatesSkipped(4);
            sink.deadLettered(1);
            sink.appendLatency(10);
            sink.appendLatency(30);

            assertThat(value(metrics, "records-written-total")).isEqualTo(5.0);
            assertThat(value(metrics, "bytes-written-total")).isEqualTo(200.0);
            assertThat(value(metrics, "append-requests-total")).isEqualTo(1.0);
            assertThat(value(metrics, "retries-total")).isEqualTo(1.0);
            assertThat(value(metrics, "duplicates-skipped-total")).isEqualTo(4.0);
            assertThat(value(metrics, "records-dead-lettered-total")).isEqualTo(1.0);
            assertThat(value(metrics, "append-latency-max")).isEqualTo(30.0);
            assertThat(value(metrics, "append-latency-avg")).isEqualTo(20.0);

            sink.close();
            assertThat(metrics.metrics().keySet()).noneMatch(name -> name.name().startsWith("records-written"));
        }
    }
}
