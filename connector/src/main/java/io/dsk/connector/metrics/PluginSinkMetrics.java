package io.dsk.connector.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Max;
import org.apache.kafka.common.metrics.stats.Rate;

/**
 * {@link SinkMetrics} registered with the worker through Connect's {@link PluginMetrics}, so they appear in
 * JMX and every metrics reporter with the connector's and task's tags.
 */
public final class PluginSinkMetrics implements SinkMetrics {

    private final PluginMetrics metrics;
    /**
     * Sensor names are global in the worker's metrics registry, shared by all its tasks, so each task's carry
     * its connector and task tags; otherwise tasks would count into each other's metrics and the first task
     * to stop would remove every task's.
     */
    private final String sensorPrefix;
    private final List<String> sensorNames = new ArrayList<>();
    private final Sensor recordsWritten;
    private final Sensor bytesWritten;
    private final Sensor batches;
    private final Sensor retries;
    private final Sensor duplicates;
    private final Sensor deadLettered;
    private final Sensor closedStreamSkipped;
    private final Sensor latency;

    /**
     * @param metrics the task's plugin metrics
     */
    public PluginSinkMetrics(PluginMetrics metrics) {
        this.metrics = metrics;
        this.sensorPrefix = "dsk-connector" + metrics.metricName("sensors", "", new LinkedHashMap<>()).tags() + ":";
        this.recordsWritten = totalAndRate("records-written", "records appended to streams");
        this.bytesWritten = totalAndRate("bytes-written", "body bytes appended to streams");
        this.batches = totalAndRate("append-requests", "append requests sent");
        this.retries = totalAndRate("retries", "requests retried after IO errors, 429 or 5xx");
        this.duplicates = totalAndRate("duplicates-skipped", "records already in their stream, not written again");
        this.deadLettered = totalAndRate("records-dead-lettered", "records sent to the errant record reporter");
        this.closedStreamSkipped = totalAndRate("records-skipped-closed-stream",
                "records addressed to a closed stream and skipped");
        this.latency = sensor("append-latency");
        latency.add(name("append-latency-avg", "average append latency in ms"), new Avg());
        latency.add(name("append-latency-max", "maximum append latency in ms"), new Max());
    }

    private Sensor totalAndRate(String name, String description) {
        Sensor sensor = sensor(name);
        sensor.add(name(name + "-total", "total " + description), new CumulativeSum());
        sensor.add(name(name + "-rate", "per second, " + description), new Rate());
        return sensor;
    }

    private Sensor sensor(String name) {
        String sensorName = sensorPrefix + name;
        sensorNames.add(sensorName);
        return metrics.addSensor(sensorName);
    }

    private org.apache.kafka.common.MetricName name(String name, String description) {
        return metrics.metricName(name, description, new LinkedHashMap<>());
    }

    @Override
    public void written(int records, long bytes) {
        recordsWritten.record(records);
        bytesWritten.record(bytes);
    }

    @Override
    public void batchSent() {
        batches.record();
    }

    @Override
    public void retried() {
        retries.record();
    }

    @Override
    public void duplicatesSkipped(int records) {
        duplicates.record(records);
    }

    @Override
    public void deadLettered(int records) {
        deadLettered.record(records);
    }

    @Override
    public void closedStreamSkipped(int records) {
        closedStreamSkipped.record(records);
    }

    @Override
    public void appendLatency(long millis) {
        latency.record(millis);
    }

    @Override
    public void close() {
        sensorNames.forEach(metrics::removeSensor);
    }
}
