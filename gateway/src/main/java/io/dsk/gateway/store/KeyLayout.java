package io.dsk.gateway.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds the keys of every record kind. A key starts with a one-byte tag; everything that belongs
 * to a stream is keyed by its internal id (never its path), so that a deleted path re-created later
 * and a fork's soft-deleted source never share data. Numbers are big-endian so that keys sort in
 * numeric order. See docs/storage.md for the full layout.
 */
final class KeyLayout {

    /** path (UTF-8) -> stream id. */
    static final byte PATH = 'p';
    /** deadline millis, id -> nothing: when the sweeper should look at a stream with an expiry. */
    static final byte EXPIRY = 'x';
    /** the single key holding the highest stream id reserved so far. */
    static final byte ID_RESERVATION = 'n';
    /** id -> last TTL-resetting access, epoch millis. */
    static final byte ACCESS = 'a';
    /** id -> stream metadata. */
    static final byte META = 'm';
    /** id, start position -> one data entry. */
    static final byte DATA = 'd';
    /** id, producer id (UTF-8) -> producer state. */
    static final byte PRODUCER = 'q';
    /** id, topic (UTF-8), 0x00, partition -> highest source offset written. */
    static final byte WATERMARK = 'w';
    /** id, topic (UTF-8), 0x00, partition, last source offset -> batch position. */
    static final byte SOURCE_INDEX = 's';
    /** id, stream end position -> the source range and stream start of the append ending there. */
    static final byte SOURCE_APPEND = 'r';
    /** command log partition -> the position a replica has applied up to (cluster mode). */
    static final byte LOG_CHECKPOINT = 'l';
    /** subscription id (UTF-8) -> the subscription's whole durable state (JSON), tombstones included. */
    static final byte SUBSCRIPTION = 'u';
    /** key id (UTF-8) -> one webhook signing key pair and its dates (JSON). */
    static final byte SIGNING_KEY = 'k';
    /** the single key holding the secret that signs callback and claim tokens. */
    static final byte TOKEN_SECRET = 't';

    /** id, stream end position -> epoch millis of the commit that ended there (streams with a max age only). */
    static final byte APPEND_TIME = 'c';
    /** id -> nothing: the streams that have a retention policy, for the retention sweep. */
    static final byte RETAINED = 'h';

    /** Length of the start every key of one stream's records shares: the tag and the stream id. */
    static final int STREAM_PREFIX_LENGTH = 9;

    private KeyLayout() {
    }

    static byte[] path(String path) {
        byte[] utf8 = path.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + utf8.length).put(PATH).put(utf8).array();
    }

    /** The stream path held by a {@link #path(String)} key. */
    static String pathOf(byte[] key) {
        return new String(key, 1, key.length - 1, StandardCharsets.UTF_8);
    }

    /** A key of a record kind named by a text: the tag, then the UTF-8 text. */
    static byte[] named(byte tag, String name) {
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + utf8.length).put(tag).put(utf8).array();
    }

    static byte[] meta(long id) {
        return ByteBuffer.allocate(9).put(META).putLong(id).array();
    }

    static byte[] expiry(long deadlineMillis, long id) {
        return ByteBuffer.allocate(17).put(EXPIRY).putLong(deadlineMillis).putLong(id).array();
    }

    static byte[] logCheckpoint(int partition) {
        return ByteBuffer.allocate(5).put(LOG_CHECKPOINT).putInt(partition).array();
    }

    static byte[] idReservation() {
        return new byte[] {ID_RESERVATION};
    }

    static byte[] access(long id) {
        return ByteBuffer.allocate(9).put(ACCESS).putLong(id).array();
    }

    static byte[] data(long id, long position) {
        return ByteBuffer.allocate(17).put(DATA).putLong(id).putLong(position).array();
    }

    static long dataPosition(byte[] key) {
        return ByteBuffer.wrap(key, 9, 8).getLong();
    }

    static byte[] producer(long id, String producerId) {
        byte[] utf8 = producerId.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(9 + utf8.length).put(PRODUCER).putLong(id).put(utf8).array();
    }

    static byte[] watermark(long id, String topic, int partition) {
        byte[] utf8 = topic.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(9 + utf8.length + 5).put(WATERMARK).putLong(id).put(utf8)
                .put((byte) 0).putInt(partition).array();
    }

    static byte[] sourceIndex(long id, String topic, int partition, long lastOffset) {
        byte[] utf8 = topic.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(9 + utf8.length + 13).put(SOURCE_INDEX).putLong(id).put(utf8)
                .put((byte) 0).putInt(partition).putLong(lastOffset).array();
    }

    static byte[] sourceAppend(long id, long streamEnd) {
        return ByteBuffer.allocate(17).put(SOURCE_APPEND).putLong(id).putLong(streamEnd).array();
    }

    static byte[] appendTime(long id, long streamEnd) {
        return ByteBuffer.allocate(17).put(APPEND_TIME).putLong(id).putLong(streamEnd).array();
    }

    static byte[] retained(long id) {
        return ByteBuffer.allocate(9).put(RETAINED).putLong(id).array();
    }

    /** The stream id held by a key that starts with a tag and the id. */
    static long idOf(byte[] key) {
        return ByteBuffer.wrap(key, 1, 8).getLong();
    }

    /** The stream end position held by a {@link #sourceAppend(long, long)} key. */
    static long sourceAppendEnd(byte[] key) {
        return ByteBuffer.wrap(key, 9, 8).getLong();
    }

    /** Decodes the topic and partition of a watermark key. */
    static SourcePartition watermarkPartition(byte[] key) {
        int topicLength = key.length - 9 - 5;
        String topic = new String(key, 9, topicLength, StandardCharsets.UTF_8);
        int partition = ByteBuffer.wrap(key, key.length - 4, 4).getInt();
        return new SourcePartition(topic, partition);
    }

    /** The lowest key of a stream's records of the given kind. */
    static byte[] streamStart(byte tag, long id) {
        return ByteBuffer.allocate(9).put(tag).putLong(id).array();
    }

    /** The key just past every record of the given kind of the stream. */
    static byte[] streamEnd(byte tag, long id) {
        return id == Long.MAX_VALUE
                ? new byte[] {(byte) (tag + 1)}
                : streamStart(tag, id + 1);
    }

    static byte[] tagStart(byte tag) {
        return new byte[] {tag};
    }

    static byte[] tagEnd(byte tag) {
        return new byte[] {(byte) (tag + 1)};
    }

    /** Key past every key that starts with {@code prefix}. */
    static byte[] prefixEnd(byte[] prefix) {
        byte[] end = prefix.clone();
        for (int i = end.length - 1; i >= 0; i--) {
            if (end[i] != (byte) 0xFF) {
                end[i]++;
                return Arrays.copyOf(end, i + 1);
            }
        }
        throw new IllegalArgumentException("prefix has no successor");
    }
}
