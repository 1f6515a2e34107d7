package io.dsk.bench.e2e;

import io.dsk.bench.KafkaConnectPipeline;
import io.dsk.bench.run.CpuMeter;
import io.dsk.bench.run.ServerUnderTest;
import io.dsk.bench.run.StreamLifecycle;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * What every run of the scenario shares: the in-process Kafka broker and Connect worker, an admin
 * client for topics, the SSE readers' HTTP client and CPU metering. Runs against both servers use
 * the same rig, so neither gets a warmer Kafka or worker.
 */
final class E2eRig implements AutoCloseable {

    private static final long OFFSET_FLUSH_MILLIS = 100;

    private final E2eSettings settings;
    private final KafkaConnectPipeline pipeline;
    private final Admin admin;
    private final ExecutorService httpThreads;
    private final HttpClient subscriberHttp;
    private final StreamLifecycle streams;
    private final GeneratorCpu generatorCpu;
    private final CpuMeter cpu;

    private E2eRig(E2eSettings settings, KafkaConnectPipeline pipeline, CpuMeter cpu) {
        this.settings = settings;
        this.pipeline = pipeline;
        this.cpu = cpu;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrapServers()));
        AtomicInteger threadNumber = new AtomicInteger();
        this.httpThreads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, GeneratorCpu.THREAD_PREFIX + "http-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.subscriberHttp = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).executor(httpThreads).build();
        this.streams = new StreamLifecycle(subscriberHttp);
        this.generatorCpu = new GeneratorCpu(subscriberHttp);
    }

    /**
     * Starts Kafka and the Connect worker with the packaged connector.
     *
     * @param work a scratch directory
     */
    static E2eRig start(E2eSettings settings, Path work, CpuMeter cpu) throws Exception {
        KafkaConnectPipeline pipeline = KafkaConnectPipeline.start(settings.resolvePluginZip(), work,
                OFFSET_FLUSH_MILLIS);
        try {
            return new E2eRig(settings, pipeline, cpu);
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
    }

    E2eSettings settings() {
        return settings;
    }

    KafkaConnectPipeline pipeline() {
        return pipeline;
    }

    HttpClient subscriberHttp() {
        return subscriberHttp;
    }

    StreamLifecycle streams() {
        return streams;
    }

    GeneratorCpu generatorCpu() {
        return generatorCpu;
    }

    CpuMeter cpu() {
        return cpu;
    }

    /** The worker's {@code offset.flush.interval.ms}, which bounds how soon a delivery shows as committed. */
    long offsetFlushMillis() {
        return OFFSET_FLUSH_MILLIS;
    }

    /**
     * The sum of the offsets the connector's consumer group has committed, or -1 when the broker did
     * not answer in time, which on a loaded machine is not yet a reason to give up.
     */
    long committedRecords(String connector) throws Exception {
        try {
            return pipeline.committedRecords(connector);
        } catch (TimeoutException e) {
            return -1;
        }
    }

    void createTopic(String topic) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, settings.partitions(), (short) 1))).all()
                .get(30, TimeUnit.SECONDS);
    }

    void deleteTopic(String topic) throws Exception {
        admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        try {
            admin.close();
            httpThreads.shutdownNow();
        } finally {
            pipeline.close();
        }
    }
}
