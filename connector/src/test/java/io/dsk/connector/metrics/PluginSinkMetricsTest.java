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
        return value(metrics, name, "0");
    }

    private static double value(Metrics metrics, String name, String task) {
        for (Map.Entry<MetricName, KafkaMetric> entry : metrics.metrics().entrySet()) {
            if (entry.getKey().name().equals(name) && task.equals(entry.getKey().tags().get("task"))) {
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

    @Test
    void tasksOfOneWorkerCountApartAndATaskThatStopsTakesOnlyItsOwnMetrics() throws Exception {
        try (Metrics worker = new Metrics();
             PluginMetricsImpl first = new PluginMetricsImpl(worker, Map.of("connector", "c", "task", "0"));
             PluginMetricsImpl second = new PluginMetricsImpl(worker, Map.of("connector", "c", "task", "1"))) {
            PluginSinkMetrics firstTask = new PluginSinkMetrics(first);
            PluginSinkMetrics secondTask = new PluginSinkMetrics(second);
            firstTask.written(3, 120);
            secondTask.written(2, 80);

            assertThat(value(worker, "records-written-total", "0")).isEqualTo(3.0);
            assertThat(value(worker, "records-written-total", "1")).isEqualTo(2.0);

            firstTask.close();
            secondTask.written(1, 40);
            assertThat(worker.metrics().keySet()).as("the stopped task's metrics")
                    .noneMatch(name -> "0".equals(name.tags().get("task")));
            assertThat(value(worker, "records-written-total", "1")).isEqualTo(3.0);
        }
    }
}
