package io.dsk.gateway.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The replicated, ordered log the nodes of a cluster share: a Kafka topic in production
 * ({@link KafkaCommandLog}). Each partition is totally ordered; every node reads every partition.
 */
interface CommandLog extends AutoCloseable {

    /** How many partitions the log has; commands are spread over them by stream path. */
    int partitions();

    /**
     * Appends a command record to a partition.
     *
     * @return completes with the record's offset once it is durable in the log (on
     *         {@code min.insync.replicas} brokers), or exceptionally if that is not known
     */
    CompletableFuture<Long> append(int partition, byte[] record);

    /**
     * The offset after the last durable record of each partition: every record acknowledged by
     * {@link #append} before this call lies below it.
     *
     * @throws LogUnavailableException if the log does not answer within {@code timeout}
     */
    Map<Integer, Long> endOffsets(Duration timeout);

    /** Opens a reader that starts each partition at the given offset. Used by one thread. */
    Reader reader(Map<Integer, Long> from);

    @Override
    void close();

    /** Reads the log in order, per partition. */
    interface Reader extends AutoCloseable {
        /** The next records, possibly none after waiting up to {@code timeout}. */
        List<LogRecord> poll(Duration timeout);

        @Override
        void close();
    }

    /** One record: where it is, its time in epoch millis as the log recorded it, and its bytes. */
    record LogRecord(int partition, long offset, long timestamp, byte[] value) {
    }

    /** The log could not be reached or did not answer in time. */
    final class LogUnavailableException extends RuntimeException {
        LogUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
