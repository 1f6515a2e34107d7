package io.dsk.bench;

import java.nio.charset.StandardCharsets;

/**
 * Where each pre-loaded record goes: record {@code i} belongs to stream {@code i % streams}, and
 * every record of a stream goes to partition {@code stream % partitions}, so a stream receives one
 * partition's records in offset order. Because the topic is fresh and written by one idempotent
 * (non-transactional) producer in record order, every Kafka offset follows from the record index,
 * which lets a probe tell from a stream's source watermark whether the stream is complete.
 */
final class RecordLayout {

    private static final String PAD_PREFIX = "\",\"pad\":\"";

    private final long records;
    private final int partitions;
    private final int streams;
    private final int payloadBytes;

    /**
     * @param records how many records are pre-loaded, at least 1
     * @param partitions the topic's partitions, at least 1
     * @param streams how many streams the records are spread over, at least 1
     * @param payloadBytes the exact size of each JSON value in bytes
     */
    RecordLayout(long records, int partitions, int streams, int payloadBytes) {
        if (records < 1 || partitions < 1 || streams < 1) {
            throw new IllegalArgumentException("records, partitions and streams must each be at least 1; got "
                    + records + ", " + partitions + ", " + streams);
        }
        this.records = records;
        this.partitions = partitions;
        this.streams = streams;
        this.payloadBytes = payloadBytes;
        int needed = head(records - 1, streams - 1).length() + 2;
        if (payloadBytes < needed) {
            throw new IllegalArgumentException("--payload " + payloadBytes + " is too small for a JSON value "
                    + "with seq and stream fields; use at least " + needed);
        }
    }

    long records() {
        return records;
    }

    int partitions() {
        return partitions;
    }

    int streams() {
        return streams;
    }

    int streamOf(long record) {
        return (int) (record % streams);
    }

    int partitionOf(int stream) {
        return stream % partitions;
    }

    /** The record key, which the connector's stream template turns into the stream path. */
    String key(int stream) {
        return "s" + stream;
    }

    /** How many records stream {@code stream} receives. */
    long recordsIn(int stream) {
        return records / streams + (stream < records % streams ? 1 : 0);
    }

    /** The Kafka offset of record {@code record} in its partition. */
    long offsetOf(long record) {
        int partition = partitionOf(streamOf(record));
        long fullCycles = record / streams;
        return fullCycles * streamsIn(partition, streams) + streamsIn(partition, (int) (record % streams));
    }

    /** The Kafka offset of the last record of {@code stream}, or -1 if it receives none. */
    long lastOffsetOf(int stream) {
        long count = recordsIn(stream);
        return count == 0 ? -1 : offsetOf((count - 1) * streams + stream);
    }

    /**
     * The JSON value of record {@code record}: exactly {@code payloadBytes} bytes, ASCII, compact, so
     * that a schemaless JSON converter and the connector's renderer keep its size.
     */
    byte[] value(long record) {
        String head = head(record, streamOf(record));
        return (head + "x".repeat(payloadBytes - head.length() - 2) + "\"}").getBytes(StandardCharsets.US_ASCII);
    }

    private String head(long record, int stream) {
        return "{\"seq\":" + record + ",\"stream\":\"" + key(stream) + PAD_PREFIX;
    }

    /** How many of the streams {@code 0 .. below-1} go to {@code partition}. */
    private int streamsIn(int partition, int below) {
        if (below <= partition) {
            return 0;
        }
        return (below - 1 - partition) / partitions + 1;
    }
}
