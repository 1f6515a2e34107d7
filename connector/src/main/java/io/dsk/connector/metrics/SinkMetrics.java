package io.dsk.connector.metrics;

/** What a sink task counts while it delivers records. Implementations are thread-safe. */
public interface SinkMetrics extends AutoCloseable {

    /** Metrics that count nothing, for tests and for workers without plugin metrics. */
    SinkMetrics NONE = new SinkMetrics() {
    };

    /**
     * An append was acknowledged with new data.
     *
     * @param records records written
     * @param bytes   body bytes written
     */
    default void written(int records, long bytes) {
    }

    /**
     * An append request was sent.
     */
    default void batchSent() {
    }

    /**
     * A request is retried after an IO error, 429 or 5xx.
     */
    default void retried() {
    }

    /**
     * Records were already in the stream (producer or source-watermark duplicates) and were not written again.
     *
     * @param records how many
     */
    default void duplicatesSkipped(int records) {
    }

    /**
     * Records were handed to the errant record reporter.
     *
     * @param records how many
     */
    default void deadLettered(int records) {
    }

    /**
     * Records addressed to a closed stream were skipped ({@code ds.closed.stream.behavior=skip}).
     *
     * @param records how many
     */
    default void closedStreamSkipped(int records) {
    }

    /**
     * An append request completed.
     *
     * @param millis time from sending to the answer
     */
    default void appendLatency(long millis) {
    }

    @Override
    default void close() {
    }
}
