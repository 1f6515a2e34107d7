package io.dsk.bench.e2e;

import io.dsk.bench.measure.LatencyHistogram;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A plain Kafka consumer of the same topic with the same fetch settings as the connector's
 * consumer (Kafka's defaults), measuring scheduled send time to poll: the part of the end-to-end
 * latency that Kafka and the producer account for, so the rest is the connector, the server and the
 * SSE delivery. Runs on its own thread until {@link #stop()}.
 */
final class KafkaProbe implements Runnable {

    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final LatencyHistogram latencies = new LatencyHistogram();
    private volatile long measureFromNanos = Long.MAX_VALUE;
    private volatile boolean stopping;
    private Thread thread;

    KafkaProbe(String bootstrapServers, String topic, int partitions) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, GeneratorCpu.THREAD_PREFIX + "probe-" + topic);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> assigned = IntStream.range(0, partitions).mapToObj(p -> new TopicPartition(topic, p))
                .toList();
        consumer.assign(assigned);
        consumer.seekToBeginning(assigned);
    }

    /** Starts consuming on a new daemon thread. */
    void start() {
        thread = new Thread(this, GeneratorCpu.THREAD_PREFIX + "kafka-probe");
        thread.setDaemon(true);
        thread.start();
    }

    /** Measures records scheduled at or after {@code nanos} from now on. */
    void measureFrom(long nanos) {
        measureFromNanos = nanos;
    }

    @Override
    public void run() {
        try {
            while (!stopping) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    long polledAt = System.nanoTime();
                    RecordStamp.scan(new String(record.value(), StandardCharsets.US_ASCII), (seq, sent) -> {
                        if (sent >= measureFromNanos) {
                            latencies.recordNanos(polledAt - sent);
                        }
                    });
                }
            }
        } catch (WakeupException e) {
            // stop() woke a blocked poll
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Ends consuming and waits for the thread; the latencies are then complete. */
    LatencyHistogram stop() throws InterruptedException {
        stopping = true;
        consumer.wakeup();
        if (thread != null) {
            thread.join(Duration.ofSeconds(30).toMillis());
        }
        return latencies;
    }
}
