package io.dsk.gateway.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The command log on a Kafka topic. One idempotent producer with {@code acks=all} writes every
 * command of this node (Kafka batches the commands of many streams into one request per partition
 * leader); readers are plain consumers assigned every partition, without a group, positioned by the
 * node's own checkpoints rather than by committed offsets.
 */
final class KafkaCommandLog implements CommandLog {

    private final String topic;
    private final int partitions;
    private final Map<String, Object> clientConfig;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Admin admin;

    /**
     * @param clientConfig the operator's Kafka client settings (bootstrap servers, TLS, SASL)
     * @param maxRecordBytes the largest command record (the largest append body plus room)
     */
    KafkaCommandLog(String topic, int partitions, Map<String, Object> clientConfig, String clientId,
                    long maxRecordBytes) {
        this.topic = topic;
        this.partitions = partitions;
        this.clientConfig = Map.copyOf(clientConfig);
        Properties p = new Properties();
        p.putAll(clientConfig);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId + "-commands");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 1);
        p.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, (int) Math.min(Integer.MAX_VALUE, maxRecordBytes));
        p.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        p.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        Properties a = new Properties();
        a.putAll(clientConfig);
        a.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId + "-ends");
        this.admin = Admin.create(a);
    }

    @Override
    public int partitions() {
        return partitions;
    }

    @Override
    public CompletableFuture<Long> append(int partition, byte[] record) {
        CompletableFuture<Long> done = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(topic, partition, null, record), (metadata, failure) -> {
                if (failure != null) {
                    done.completeExceptionally(failure);
                } else {
                    done.complete(metadata.offset());
                }
            });
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    @Override
    public Map<Integer, Long> endOffsets(Duration timeout) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (TopicPartition tp : topicPartitions()) {
            latest.put(tp, OffsetSpec.latest());
        }
        try {
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest,
                    new ListOffsetsOptions().timeoutMs((int) timeout.toMillis())).all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Map<Integer, Long> result = new HashMap<>();
            ends.forEach((tp, info) -> result.put(tp.partition(), info.offset()));
            return result;
        } catch (ExecutionException e) {
            throw new LogUnavailableException("the end of " + topic + " is unknown: " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new LogUnavailableException("the end of " + topic + " is unknown after " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LogUnavailableException("interrupted while asking for the end of " + topic, e);
        }
    }

    @Override
    public Reader reader(Map<Integer, Long> from) {
        KafkaConsumer<byte[], byte[]> consumer = consumer("dsk-apply");
        List<TopicPartition> all = topicPartitions();
        consumer.assign(all);
        for (TopicPartition tp : all) {
            consumer.seek(tp, from.getOrDefault(tp.partition(), 0L));
        }
        return new Reader() {
            @Override
            public List<LogRecord> poll(Duration timeout) {
                List<LogRecord> records = new ArrayList<>();
                try {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(timeout)) {
                        records.add(new LogRecord(r.partition(), r.offset(), r.timestamp(), r.value()));
                    }
                } catch (WakeupException e) {
                    return records;
                }
                return records;
            }

            @Override
            public void close() {
                consumer.close(Duration.ofSeconds(5));
            }
        };
    }

    private List<TopicPartition> topicPartitions() {
        List<TopicPartition> all = new ArrayList<>(partitions);
        for (int p = 0; p < partitions; p++) {
            all.add(new TopicPartition(topic, p));
        }
        return all;
    }

    private KafkaConsumer<byte[], byte[]> consumer(String clientId) {
        Properties p = new Properties();
        p.putAll(clientConfig);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        p.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        p.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }
}
