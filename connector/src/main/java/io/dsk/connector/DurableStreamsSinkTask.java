package io.dsk.connector;

import io.dsk.connector.config.DurableStreamsSinkConfig;
import io.dsk.connector.config.GatewayReachability;
import io.dsk.connector.delivery.BadRecordSink;
import io.dsk.connector.delivery.DeliveryEngine;
import io.dsk.connector.delivery.DeliverySettings;
import io.dsk.connector.delivery.PendingRecord;
import io.dsk.connector.delivery.RetryPolicy;
import io.dsk.connector.delivery.client.FailoverTransport;
import io.dsk.connector.delivery.client.HttpStreamTransport;
import io.dsk.connector.delivery.client.StreamTransport;
import io.dsk.connector.metrics.PluginSinkMetrics;
import io.dsk.connector.metrics.SinkMetrics;
import io.dsk.connector.render.JsonValueRenderer;
import io.dsk.connector.render.RecordRenderer;
import io.dsk.connector.route.StreamRouter;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLContext;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sink task: plans each record (route, render, close or skip), hands it to the {@link DeliveryEngine}, and
 * reports to Connect only offsets whose records the server has acknowledged (or that were skipped or
 * reported as bad).
 */
public class DurableStreamsSinkTask extends SinkTask {

    private static final Logger LOG = LoggerFactory.getLogger(DurableStreamsSinkTask.class);
    /** Connect's own keys ({@code ConnectorConfig}, {@code SinkConnectorConfig}), which live in the worker's runtime. */
    static final String ERRORS_TOLERANCE_CONFIG = "errors.tolerance";
    static final String DLQ_TOPIC_NAME_CONFIG = "errors.deadletterqueue.topic.name";

    private RecordPlanner planner;
    private DeliveryEngine engine;
    private SinkMetrics metrics;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        DurableStreamsSinkConfig config = new DurableStreamsSinkConfig(props);
        config.ensureConsistent();
        String name = props.getOrDefault("name", "dsk-sink");
        metrics = metricsOf();
        start(config, name, transportOf(config), metrics);
    }

    /**
     * Starts with a given transport; the seam for tests.
     *
     * @param config    the configuration
     * @param name      the connector name
     * @param transport the transport to the server
     * @param metrics   the metrics to count into
     */
    void start(DurableStreamsSinkConfig config, String name, StreamTransport transport, SinkMetrics metrics) {
        this.metrics = metrics;
        StreamRouter router = new StreamRouter(config.streamTemplate(), config.topicTemplates(), config.contentType(),
                config.topicContentTypes(), config.streamHeaderEnabled());
        RecordRenderer renderer = new RecordRenderer(
                new JsonValueRenderer(config.decimalFormat(), config.temporalFormat()), config.envelopeEnabled(),
                config.envelopeHeaders(), config.parseJsonText());
        planner = new RecordPlanner(router, renderer, config.closeOn(), config.nullValueBehavior());
        RetryPolicy retry = new RetryPolicy(config.retryMaxAttempts(), config.retryBackoffInitialMs(),
                config.retryBackoffMaxMs(), config.retryJitter(), config.retryTimeoutMs(),
                () -> ThreadLocalRandom.current().nextDouble());
        DeliverySettings settings = new DeliverySettings(name, config.batchMaxRecords(), config.batchMaxBytes(),
                config.lingerMs(), config.maxInFlight(), config.maxBufferedRecords(), config.autoCreate(),
                config.streamTtlSeconds(), config.streamExpiresAt(), retry, DurableStreamsSinkConfig.URL_CONFIG,
                config.closedStreamBehavior(), config.retentionMs(), config.retentionBytes());
        engine = new DeliveryEngine(settings, transport, badRecordSink(), metrics);
        LOG.info("Started Durable Streams sink task of connector {} writing to {}", name, config.urls());
    }

    private static StreamTransport transportOf(DurableStreamsSinkConfig config) {
        SSLContext ssl;
        try {
            ssl = GatewayReachability.sslContext(config);
        } catch (IOException | GeneralSecurityException e) {
            throw new ConnectException("Cannot load the trust store " + config.truststoreLocation() + ": "
                    + e.getMessage() + ". Check " + DurableStreamsSinkConfig.TRUSTSTORE_LOCATION_CONFIG + ", "
                    + DurableStreamsSinkConfig.TRUSTSTORE_PASSWORD_CONFIG + " and "
                    + DurableStreamsSinkConfig.TRUSTSTORE_TYPE_CONFIG + ".", e);
        }
        Password token = config.token();
        List<StreamTransport> gateways = new ArrayList<>();
        for (URI url : config.urls()) {
            gateways.add(new HttpStreamTransport(url, token == null ? null : token.value(), ssl,
                    Duration.ofMillis(config.requestTimeoutMs())));
        }
        return gateways.size() == 1 ? gateways.get(0) : new FailoverTransport(gateways);
    }

    private SinkMetrics metricsOf() {
        try {
            return context != null && context.pluginMetrics() != null
                    ? new PluginSinkMetrics(context.pluginMetrics()) : SinkMetrics.NONE;
        } catch (UnsupportedOperationException | NoSuchMethodError | NoClassDefFoundError e) {
            return SinkMetrics.NONE;
        }
    }

    private BadRecordSink badRecordSink() {
        ErrantRecordReporter reporter = null;
        try {
            reporter = context == null ? null : context.errantRecordReporter();
        } catch (NoSuchMethodError | NoClassDefFoundError e) {
            LOG.warn("This Connect worker has no errant record reporter; bad records fail the task");
        }
        if (reporter != null) {
            return reporter::report;
        }
        return (record, reason) -> {
            throw new ConnectException("Record " + record.topic() + "-" + record.kafkaPartition() + "@"
                    + record.kafkaOffset() + " cannot be delivered: " + reason.getMessage() + ". Set "
                    + ERRORS_TOLERANCE_CONFIG + "=all and " + DLQ_TOPIC_NAME_CONFIG + " to send such records to a dead "
                    + "letter queue instead.",
                    reason);
        };
    }

    /**
     * Plans every record, then hands runs of planned records to the engine under one lock each. A skipped or
     * bad record first hands over the run before it, so the engine sees every partition's offsets in order.
     */
    @Override
    public void put(Collection<SinkRecord> records) {
        engine.throwIfFailed();
        List<PendingRecord> run = new ArrayList<>(records.size());
        for (SinkRecord record : records) {
            PendingRecord pending;
            try {
                pending = planner.plan(record);
            } catch (DataException e) {
                LOG.debug("Bad record {}-{}@{} (value type {}): {}", record.topic(), record.kafkaPartition(),
                        record.kafkaOffset(), typeOf(record.value()), e.getMessage());
                handOver(run);
                engine.reject(record, e);
                continue;
            }
            if (pending == null) {
                handOver(run);
                engine.skip(record);
            } else {
                run.add(pending);
            }
        }
        handOver(run);
    }

    private void handOver(List<PendingRecord> run) {
        if (!run.isEmpty()) {
            engine.accept(run);
            run.clear();
        }
    }

    private static String typeOf(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName();
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        Map<TopicPartition, Long> delivered = engine.committableOffsets();
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        delivered.forEach((partition, offset) -> {
            if (currentOffsets.containsKey(partition)) {
                commit.put(partition, new OffsetAndMetadata(offset));
            }
        });
        return commit;
    }

    @Override
    public void open(Collection<TopicPartition> partitions) {
        LOG.debug("Opened {}", partitions);
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        if (engine != null) {
            engine.release(partitions);
        }
    }

    @Override
    public void stop() {
        if (engine != null) {
            LOG.info("Stopping Durable Streams sink task: {}", engine.summary());
            engine.close();
        }
        if (metrics != null) {
            metrics.close();
        }
    }

    /** @return the delivery engine, for tests */
    DeliveryEngine engine() {
        return engine;
    }
}
