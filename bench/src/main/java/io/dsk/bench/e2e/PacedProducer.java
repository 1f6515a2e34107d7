package io.dsk.bench.e2e;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes stamped records ({@link RecordStamp}) to a topic, round robin over the streams: record
 * {@code i} goes to stream {@code i % streams} as that stream's record {@code i / streams}, keyed
 * {@code s<stream>}, on partition {@code stream % partitions}. Paced, record {@code i} is due at
 * {@code start + i/rate} and carries that due time, not the time it was actually handed to the
 * producer, so a producer that falls behind shows up as latency instead of hiding it.
 */
final class PacedProducer implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final int streams;
    private final int partitions;
    private final int payloadBytes;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile long stopAtNanos = Long.MAX_VALUE;
    private long sent;
    private long maxBehindNanos;

    PacedProducer(String bootstrapServers, String topic, int streams, int partitions, int payloadBytes) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "e2e-producer-" + topic);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        // Like the connector benchmark's pre-load: one request in flight keeps each partition in send
        // order without the idempotent producer, whose sequence state the in-process broker has been
        // seen to reject (OUT_OF_ORDER_SEQUENCE_NUMBER) on a fresh topic.
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        this.topic = topic;
        this.streams = streams;
        this.partitions = partitions;
        this.payloadBytes = payloadBytes;
    }

    /** The key of stream {@code stream}, which the connector's template turns into its path. */
    static String key(int stream) {
        return "s" + stream;
    }

    /** The key of the priming record of partition {@code partition}, see {@link #prime()}. */
    static String primingKey(int partition) {
        return "prime-p" + partition;
    }

    /** Records stream {@code stream} receives when {@code total} records are sent. */
    static long recordsOf(int stream, long total, int streams) {
        return total / streams + (stream < total % streams ? 1 : 0);
    }

    /**
     * Sends one record to each partition, keyed {@link #primingKey}, so that the connector's
     * consumer has a position on every partition before the measured records come.
     *
     * @return how many records were sent, one per partition
     */
    long prime() {
        for (int p = 0; p < partitions; p++) {
            producer.send(new ProducerRecord<>(topic, p, primingKey(p), RecordStamp.value(0, System.nanoTime(),
                    payloadBytes)), this::onAcknowledged);
        }
        producer.flush();
        failIfAny();
        return partitions;
    }

    /** Ends a running {@link #sendPaced} at {@code nanos} ({@link System#nanoTime()}); callable from any thread. */
    void stopAt(long nanos) {
        stopAtNanos = nanos;
    }

    /**
     * Sends at {@code ratePerSecond} from {@code startNanos} until the time given to {@link #stopAt},
     * then waits until every record is acknowledged. Runs on the calling thread.
     *
     * @return how many records were sent
     */
    long sendPaced(double ratePerSecond, long startNanos) {
        double interval = 1e9 / ratePerSecond;
        long i = 0;
        while (failure.get() == null) {
            long now = System.nanoTime();
            long due = startNanos + (long) (i * interval);
            if (due >= stopAtNanos) {
                break;
            }
            if (due > now) {
                LockSupport.parkNanos(due - now);
                continue;
            }
            maxBehindNanos = Math.max(maxBehindNanos, now - due);
            send(i++, due);
        }
        return finish();
    }

    /** Sends {@code records} records as fast as the producer takes them, stamped with the send time. */
    long sendBacklog(long records) {
        for (long i = 0; i < records && failure.get() == null; i++) {
            send(i, System.nanoTime());
        }
        return finish();
    }

    /** The longest a paced record was handed to the producer after its due time, in nanoseconds. */
    long maxBehindNanos() {
        return maxBehindNanos;
    }

    private void send(long index, long stampNanos) {
        int stream = (int) (index % streams);
        byte[] value = RecordStamp.value(index / streams, stampNanos, payloadBytes);
        producer.send(new ProducerRecord<>(topic, stream % partitions, key(stream), value), this::onAcknowledged);
        sent++;
    }

    private void onAcknowledged(RecordMetadata metadata, Exception error) {
        if (error != null) {
            failure.compareAndSet(null, error);
        }
    }

    private long finish() {
        producer.flush();
        failIfAny();
        return sent;
    }

    private void failIfAny() {
        Exception error = failure.get();
        if (error != null) {
            throw new IllegalStateException("producing to " + topic + " failed after " + sent + " records", error);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
