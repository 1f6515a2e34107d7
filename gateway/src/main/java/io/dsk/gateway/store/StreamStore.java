package io.dsk.gateway.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Typed access to streams over a {@link KeyValueStore}: metadata, data entries, producer state,
 * source watermarks and the source-offset index, in the key layout of {@link KeyLayout}.
 *
 * <p>Reads go to the engine; writes are collected in a {@link Mutation} and committed as one
 * atomic batch. Two pieces of per-stream heap state spare reads of the engine. Each stream's tail
 * once known: an append that changes nothing but the tail writes its data entries and not the
 * metadata ({@link Mutation#moveTail}), so the tail stored in the metadata is only a lower bound,
 * and the stream's tail is the end of its last data entry when that is further. {@link #byId}
 * finds it there the first time it reads a stream and remembers it (about 80 bytes a stream);
 * commits move it on. And the stored metadata and path bindings of streams read or written lately
 * ({@link MetadataCache}, bounded), which commits keep equal to what the engine holds.
 *
 * <p>{@link #memoryOnly()} is a view whose reads never touch disk, for threads that must never block.
 */
public final class StreamStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamStore.class);

    /** Ids are reserved durably in blocks of this size, so none is ever handed out twice. */
    private static final long ID_BLOCK = 1024;
    /** A copy that still has more than this to go is a bulk read: it does not fill the engine's cache. */
    private static final long BULK_BYTES = 4L << 20;
    /** A copy of at most this many bytes first tries the entry that starts where it starts. */
    static final int POINT_READ_BYTES = 16 << 10;
    /** Heap for small entries read lately ({@link EntryCache}) unless the gateway is told otherwise. */
    public static final long DEFAULT_ENTRY_CACHE_BYTES = 64L << 20;

    private final KeyValueStore engine;
    /** The store that ids and commits go through: this one, or the one a memory-only view views. */
    private final StreamStore writer;
    private final StreamStore memoryOnly;
    private volatile Replica replica;
    private final Object idLock = new Object();
    private final AtomicLong streams;
    /**
     * The tail of each stream this process has read or written, which may be past the one its stored
     * metadata holds; shared with the memory-only view. Only ever raised, and only after the commit
     * that wrote the data up to it, so no reader is shown data that is not stored. A dropped stream's
     * entry goes with it (a read racing the drop may put it back; ids are never reused, so that costs
     * only its bytes). A tail moves in place, so an append allocates nothing here.
     */
    private final ConcurrentHashMap<Long, AtomicLong> tails;
    /** Stored metadata and path bindings read or written lately; shared with the memory-only view. */
    private final MetadataCache cache;
    /** Small data entries read lately; shared with the memory-only view; none over an in-memory engine. */
    private final EntryCache entries;
    private long nextId;
    private long reservedUpTo;

    /** A store over {@code engine} with an entry cache of {@value #DEFAULT_ENTRY_CACHE_BYTES} bytes. */
    public StreamStore(KeyValueStore engine) {
        this(engine, DEFAULT_ENTRY_CACHE_BYTES);
    }

    /**
     * @param engine the storage engine
     * @param entryCacheBytes heap for small data entries read lately ({@link EntryCache}); 0 keeps
     *        none, and an engine that holds everything in memory never gets one
     */
    public StreamStore(KeyValueStore engine, long entryCacheBytes) {
        this.engine = engine;
        this.writer = this;
        this.streams = new AtomicLong();
        this.tails = new ConcurrentHashMap<>();
        this.cache = new MetadataCache();
        this.entries = engine.memoryOnly() == engine ? EntryCache.NONE : new EntryCache(entryCacheBytes);
        this.memoryOnly = engine.memoryOnly() == engine ? this : new StreamStore(this);
        KeyValueStore.KeyValue last = engine.floor(KeyLayout.tagStart(KeyLayout.META),
                KeyLayout.streamEnd(KeyLayout.META, Long.MAX_VALUE - 1));
        long highestStored = last == null ? 0 : ByteBuffer.wrap(last.key(), 1, 8).getLong();
        byte[] reserved = engine.get(KeyLayout.idReservation());
        long highestReserved = reserved == null ? 0 : ByteBuffer.wrap(reserved).getLong();
        this.nextId = Math.max(highestStored, highestReserved) + 1;
        this.reservedUpTo = nextId - 1;
        streams.set(countAndUpgradeMetadata(engine));
    }

    /** Rewrites at most this many metadata records in one batch when upgrading them. */
    private static final int UPGRADE_BATCH = 10_000;

    /**
     * Counts the streams, and rewrites every metadata record older than {@link MetadataCodec#CURRENT}
     * in it: appends that move only the tail leave the stored tail behind, which a gateway from
     * before that change would trust and write over, so no record may stay readable to it. Runs once
     * per data directory (afterwards every record is current, and the check is one byte a stream).
     */
    private static long countAndUpgradeMetadata(KeyValueStore engine) {
        long count = 0;
        long upgraded = 0;
        WriteBatch batch = new WriteBatch();
        ByteBuffer version = ByteBuffer.allocate(1);
        try (KeyValueCursor c = engine.scan(KeyLayout.tagStart(KeyLayout.META), KeyLayout.tagEnd(KeyLayout.META))) {
            while (c.next()) {
                count++;
                version.clear();
                if (c.copyValue(version) == 1 && version.get(0) < MetadataCodec.CURRENT) {
                    batch.put(c.key(), MetadataCodec.encode(MetadataCodec.decode(c.value())));
                    if (++upgraded % UPGRADE_BATCH == 0) {
                        engine.write(batch, true);
                        batch = new WriteBatch();
                    }
                }
            }
        }
        if (!batch.isEmpty()) {
            engine.write(batch, true);
        }
        if (upgraded > 0) {
            LOG.info("rewrote the metadata of {} of {} streams in format {}: a gateway from before this version "
                    + "refuses them (\"unknown metadata version\"); to go back, restore a backup taken before the "
                    + "upgrade", upgraded, count, MetadataCodec.CURRENT);
        }
        return count;
    }

    /** A view of {@code base} that reads through its engine's memory-only view. */
    private StreamStore(StreamStore base) {
        this.engine = base.engine.memoryOnly();
        this.writer = base;
        this.streams = base.streams;
        this.tails = base.tails;
        this.cache = base.cache;
        this.entries = base.entries;
        this.memoryOnly = this;
    }

    /**
     * A view of this store whose reads answer from memory only, as this store would, or throw
     * {@link NotInMemoryException}; never block on disk (see {@link KeyValueStore#memoryOnly()}).
     * Ids and commits go through this store. A store over an engine that holds everything in memory
     * is its own view.
     */
    public StreamStore memoryOnly() {
        return memoryOnly;
    }

    /** Bytes the entry cache holds ({@link EntryCache#bytes()}); 0 when it keeps nothing. */
    public long entryCacheBytes() {
        return entries.bytes();
    }

    /** Lookups of a data entry the entry cache answered since the store opened. */
    public long entryCacheHits() {
        return entries.hits();
    }

    /** Lookups of a data entry the entry cache could not answer since the store opened. */
    public long entryCacheMisses() {
        return entries.misses();
    }

    /** Whether small entries read lately are kept on the heap (not over an in-memory engine, not when sized 0). */
    public boolean entryCacheEnabled() {
        return entries.enabled();
    }

    /**
     * Streams stored: live ones, soft-deleted ones that forks still read, and expired ones the sweeper
     * has not removed yet. Counted once when the store opens, then kept by {@link #commit}; reading
     * it costs nothing.
     */
    public long streamCount() {
        return streams.get();
    }

    /**
     * A fresh internal stream id, never handed out before by this store, even across restarts and
     * after the stream that had the highest id was deleted.
     */
    public long newStreamId() {
        if (writer != this) {
            return writer.newStreamId();
        }
        Replica r = replica;
        if (r != null) {
            return r.streamId();
        }
        synchronized (idLock) {
            if (nextId > reservedUpTo) {
                long upTo = nextId + ID_BLOCK - 1;
                engine.write(new WriteBatch().put(KeyLayout.idReservation(),
                        ByteBuffer.allocate(8).putLong(upTo).array()), true);
                reservedUpTo = upTo;
            }
            return nextId++;
        }
    }

    /** The stream currently at {@code path}, including soft-deleted and expired ones. */
    public Optional<StreamMetadata> byPath(String path) {
        Long cached = cache.id(path);
        if (cached != null) {
            return byId(cached);
        }
        long readStart = cache.readStart();
        byte[] value = engine.get(KeyLayout.path(path));
        if (value == null) {
            return Optional.empty();
        }
        long id = ByteBuffer.wrap(value).getLong();
        cache.offer(readStart, path, id);
        return byId(id);
    }

    /**
     * Paths that hold a stream (of any state), in byte order.
     *
     * @param prefix only paths starting with this text; empty for all
     * @param after only paths after this one; null to start at the beginning
     * @param limit at most this many
     */
    public List<String> paths(String prefix, String after, int limit) {
        byte[] first = KeyLayout.path(prefix);
        byte[] end = prefix.isEmpty() ? KeyLayout.tagEnd(KeyLayout.PATH) : KeyLayout.prefixEnd(first);
        if (after != null) {
            byte[] afterKey = KeyLayout.path(after);
            byte[] justAfter = Arrays.copyOf(afterKey, afterKey.length + 1);
            if (Arrays.compareUnsigned(justAfter, first) > 0) {
                first = justAfter;
            }
        }
        List<String> paths = new ArrayList<>();
        try (KeyValueCursor c = engine.scan(first, end)) {
            while (paths.size() < limit && c.next()) {
                paths.add(KeyLayout.pathOf(c.key()));
            }
        }
        return paths;
    }

    public Optional<StreamMetadata> byId(long id) {
        // The tail known before the metadata is read: the stream as of this moment, never newer.
        AtomicLong known = tails.get(id);
        long knownTail = known == null ? -1 : known.get();
        StreamMetadata stored = cache.metadata(id);
        if (stored == null) {
            long readStart = cache.readStart();
            byte[] value = engine.get(KeyLayout.meta(id));
            if (value == null) {
                return Optional.empty();
            }
            stored = MetadataCodec.decode(value);
            cache.offer(readStart, stored);
        }
        long tail = Math.max(stored.tail(), knownTail >= 0 ? knownTail : lastEntryEnd(stored));
        return Optional.of(tail == stored.tail() ? stored : stored.withTail(tail));
    }

    /**
     * The end of the stream's last data entry, or its stored tail if that is further (or it has no
     * entries); remembered as the stream's tail from now on.
     */
    private long lastEntryEnd(StreamMetadata stored) {
        long id = stored.id();
        KeyValueStore.KeyValue last = engine.floor(KeyLayout.streamStart(KeyLayout.DATA, id),
                KeyLayout.data(id, Long.MAX_VALUE));
        long end = last == null ? 0 : KeyLayout.dataPosition(last.key()) + last.value().length;
        return raiseTail(id, Math.max(stored.tail(), end));
    }

    /** Raises the stream's known tail to at least {@code tail}; returns the known tail. */
    private long raiseTail(long id, long tail) {
        AtomicLong known = tails.get(id);
        if (known == null) {
            known = tails.computeIfAbsent(id, k -> new AtomicLong());
        }
        return known.accumulateAndGet(tail, Math::max);
    }

    /** A stream the sweeper should look at: its expiry deadline as last indexed. */
    public record ExpiryCheck(long deadlineMillis, long id) {
    }

    /** Up to {@code limit} indexed expiry deadlines at or before {@code nowMillis}, earliest first. */
    public List<ExpiryCheck> dueExpiries(long nowMillis, int limit) {
        return dueExpiries(null, nowMillis, limit);
    }

    /** Like {@link #dueExpiries(long, int)}, starting after {@code after} (null: at the start). */
    public List<ExpiryCheck> dueExpiries(ExpiryCheck after, long nowMillis, int limit) {
        List<ExpiryCheck> due = new ArrayList<>();
        byte[] from = after == null ? KeyLayout.tagStart(KeyLayout.EXPIRY)
                : Arrays.copyOf(KeyLayout.expiry(after.deadlineMillis(), after.id()), 18);
        try (KeyValueCursor c = engine.scan(from, KeyLayout.expiry(nowMillis + 1, 0))) {
            while (due.size() < limit && c.next()) {
                ByteBuffer key = ByteBuffer.wrap(c.key(), 1, 16);
                due.add(new ExpiryCheck(key.getLong(), key.getLong()));
            }
        }
        return due;
    }

    /** The last TTL-resetting access recorded by {@link Mutation#touch}, if any. */
    public Optional<Long> lastAccess(long id) {
        byte[] value = engine.get(KeyLayout.access(id));
        return value == null ? Optional.empty() : Optional.of(ByteBuffer.wrap(value).getLong());
    }

    public Optional<ProducerState> producer(long id, String producerId) {
        byte[] value = engine.get(KeyLayout.producer(id, producerId));
        return value == null ? Optional.empty() : Optional.of(MetadataCodec.decodeProducer(value));
    }

    /** The highest source offset written to the stream from the partition, if any. */
    public Optional<Long> watermark(long id, SourcePartition partition) {
        byte[] value = engine.get(KeyLayout.watermark(id, partition.topic(), partition.partition()));
        return value == null ? Optional.empty() : Optional.of(ByteBuffer.wrap(value).getLong());
    }

    /** Every watermark of the stream, ordered by topic and partition. */
    public List<SourceWatermark> watermarks(long id) {
        List<SourceWatermark> result = new ArrayList<>();
        try (KeyValueCursor c = engine.scan(KeyLayout.streamStart(KeyLayout.WATERMARK, id),
                KeyLayout.streamEnd(KeyLayout.WATERMARK, id))) {
            while (c.next()) {
                SourcePartition p = KeyLayout.watermarkPartition(c.key());
                result.add(new SourceWatermark(p.topic(), p.partition(), ByteBuffer.wrap(c.value()).getLong()));
            }
        }
        return result;
    }

    /** The indexed append that holds source offset {@code offset} of the partition, if it was written. */
    public Optional<SourceBatch> sourceBatch(long id, SourcePartition partition, long offset) {
        byte[] from = KeyLayout.sourceIndex(id, partition.topic(), partition.partition(), offset);
        byte[] to = KeyLayout.sourceIndex(id, partition.topic(), partition.partition(), Long.MAX_VALUE);
        try (KeyValueCursor c = engine.scan(from, KeyLayout.prefixEnd(to))) {
            if (!c.next()) {
                return Optional.empty();
            }
            long last = ByteBuffer.wrap(c.key(), c.key().length - 8, 8).getLong();
            ByteBuffer v = ByteBuffer.wrap(c.value());
            SourceBatch batch = new SourceBatch(v.getLong(), last, v.getLong(), v.getLong());
            return batch.firstOffset() <= offset ? Optional.of(batch) : Optional.empty();
        }
    }

    /**
     * The appends of the stream that carried a source range and end after stream position {@code after},
     * in stream order, at most {@code limit} of them: one bounded scan of the {@code r} index. Appends
     * written before that index existed, and appends without data, are not in it.
     */
    public List<SourceAppend> sourceAppends(long id, long after, int limit) {
        List<SourceAppend> result = new ArrayList<>();
        byte[] from = KeyLayout.sourceAppend(id, Math.max(0, after + 1));
        try (KeyValueCursor c = engine.scan(from, KeyLayout.streamEnd(KeyLayout.SOURCE_APPEND, id))) {
            while (result.size() < limit && c.next()) {
                ByteBuffer v = ByteBuffer.wrap(c.value());
                long start = v.getLong();
                long first = v.getLong();
                long last = v.getLong();
                int partition = v.getInt();
                String topic = StandardCharsets.UTF_8.decode(v).toString();
                result.add(new SourceAppend(new SourcePartition(topic, partition),
                        new SourceBatch(first, last, start, KeyLayout.sourceAppendEnd(c.key()))));
            }
        }
        return result;
    }

    /**
     * The appends of the stream that carried a source range and end at or before stream position
     * {@code end}, in stream order: those whose index entries retention drops with their data.
     */
    public List<SourceAppend> sourceAppendsEndingBy(long id, long end) {
        List<SourceAppend> all = new ArrayList<>();
        long after = -1;
        while (true) {
            List<SourceAppend> page = sourceAppends(id, after, 1024);
            for (SourceAppend a : page) {
                if (a.batch().streamEnd() > end) {
                    return all;
                }
                all.add(a);
                after = a.batch().streamEnd();
            }
            if (page.size() < 1024) {
                return all;
            }
        }
    }

    /** Up to {@code limit} ids of streams with a retention policy, above {@code afterId}, in id order. */
    public List<Long> retainedStreams(long afterId, int limit) {
        List<Long> ids = new ArrayList<>();
        byte[] from = afterId == Long.MAX_VALUE ? KeyLayout.tagEnd(KeyLayout.RETAINED) : KeyLayout.retained(afterId + 1);
        try (KeyValueCursor c = engine.scan(from, KeyLayout.tagEnd(KeyLayout.RETAINED))) {
            while (ids.size() < limit && c.next()) {
                ids.add(KeyLayout.idOf(c.key()));
            }
        }
        return ids;
    }

    /**
     * The end of the last of the stream's consecutive commits after position {@code after} that were
     * committed at or before {@code cutoffMillis}, walking in stream order and stopping at the first
     * later one; {@code after} itself if the first is later. Only streams with a maximum age record
     * commit times ({@link Mutation#indexAppendTime}).
     *
     * @param upTo positions above this are not considered
     */
    public long appendedBy(long id, long after, long upTo, long cutoffMillis) {
        long end = after;
        try (KeyValueCursor c = engine.scan(KeyLayout.appendTime(id, after + 1),
                KeyLayout.streamEnd(KeyLayout.APPEND_TIME, id))) {
            while (c.next()) {
                long commitEnd = ByteBuffer.wrap(c.key(), 9, 8).getLong();
                if (commitEnd > upTo || ByteBuffer.wrap(c.value()).getLong() > cutoffMillis) {
                    break;
                }
                end = commitEnd;
            }
        }
        return end;
    }

    /**
     * Asks the engine to reclaim the space of the stream's data below {@code below}, dropped by
     * {@link Mutation#dropHead}; may take long, never blocks appends.
     */
    public void reclaimHead(long id, long below) {
        engine.compact(KeyLayout.streamStart(KeyLayout.DATA, id), KeyLayout.data(id, below));
    }

    /**
     * Reads the data of one stream id in {@code [from, to)}.
     *
     * <p>Entries read lately are taken from the {@link EntryCache} while they follow one another
     * from {@code from}; where they stop, a range of at most {@value #POINT_READ_BYTES} bytes reads
     * the entry that starts there with a point read (a live read of the entry just appended ends
     * there), and the rest is read with one cursor. A read of at most {@value #BULK_BYTES}
     * bytes keeps the small entries it read from the store in the cache (a longer one, a catch-up
     * of a backlog, would only push out the entries read often).
     *
     * @param maxBytes stop once this many bytes are collected
     * @param wholeEntries never split an entry (JSON messages)
     * @param atLeastOne with whole entries, return the first entry even if it exceeds {@code maxBytes}
     */
    public DataChunk read(long id, long from, long to, int maxBytes, boolean wholeEntries, boolean atLeastOne) {
        ChunkBuilder chunk = new ChunkBuilder(from, to, maxBytes, wholeEntries, atLeastOne);
        boolean keep = entries.enabled() && to - from <= BULK_BYTES;
        boolean pointRead = false;
        while (chunk.wantsMore()) {
            byte[] entry = entries.get(id, chunk.position);
            if (entry == null) {
                // Usually one entry that starts here (a live read of what was just appended): one
                // point read, without building a cursor; the cursor reads on if the range goes on.
                if (pointRead || to - chunk.position > POINT_READ_BYTES
                        || (entry = entryAt(id, chunk.position, keep)) == null) {
                    break;
                }
                pointRead = true;
            }
            int take = chunk.take(chunk.position, entry.length);
            if (take == 0) {
                return chunk.done();
            }
            chunk.out.put(entry, 0, take);
            chunk.took(take);
        }
        if (!chunk.wantsMore()) {
            return chunk.done();
        }
        try (KeyValueCursor c = dataFrom(id, chunk.position, to, false)) {
            while (chunk.wantsMore() && c.next()) {
                long start = KeyLayout.dataPosition(c.key());
                int length = c.valueLength();
                if (start + length <= chunk.position) {
                    continue;
                }
                if (start > chunk.position) {
                    break;
                }
                int take = chunk.take(start, length);
                if (take == 0) {
                    break;
                }
                int skip = (int) (chunk.position - start);
                if (keep && skip == 0 && length <= EntryCache.MAX_ENTRY_BYTES) {
                    byte[] entry = c.value();
                    chunk.out.put(entry, 0, take);
                    entries.put(id, start, entry);
                } else {
                    copy(c, skip, take, chunk.out);
                }
                chunk.took(take);
            }
        }
        return chunk.done();
    }

    /** The bytes a {@link #read} collects, entry by entry, and where it stands. */
    private static final class ChunkBuilder {
        private final long from;
        private final long to;
        private final int maxBytes;
        private final boolean wholeEntries;
        private final boolean atLeastOne;
        private ByteBuffer out;
        private long position;
        private int entries;

        ChunkBuilder(long from, long to, int maxBytes, boolean wholeEntries, boolean atLeastOne) {
            this.from = from;
            this.to = to;
            this.maxBytes = maxBytes;
            this.wholeEntries = wholeEntries;
            this.atLeastOne = atLeastOne;
            // Sized for the usual full chunk up front, so a catch-up read copies each value once.
            this.out = ByteBuffer.allocate((int) Math.max(0, Math.min(to - from, maxBytes)));
            this.position = from;
        }

        boolean wantsMore() {
            return position < to && out.position() < maxBytes;
        }

        /**
         * How many bytes to take of the entry {@code [start, start + length)}, which holds the
         * position reached, with room made for them; 0 when the read ends before it.
         */
        int take(long start, int length) {
            int take = (int) (Math.min(start + length, to) - position);
            if (wholeEntries && out.position() + take > maxBytes && (entries > 0 || !atLeastOne)) {
                return 0;
            }
            if (!wholeEntries) {
                take = Math.min(take, maxBytes - out.position());
            }
            if (take > out.remaining()) {
                out = ByteBuffer.allocate(out.position() + take).put(out.flip());
            }
            return take;
        }

        void took(int take) {
            position += take;
            entries++;
        }

        DataChunk done() {
            byte[] bytes = out.position() == out.capacity() ? out.array() : Arrays.copyOf(out.array(), out.position());
            return new DataChunk(bytes, from, position, entries);
        }
    }

    /**
     * Copies data of one stream id from {@code from} towards {@code to} into {@code out}: whole
     * entries while they fit (the first may start inside an entry); an entry that does not fit is
     * copied in part only when nothing else was, so a call with room in {@code out} always makes
     * progress.
     *
     * <p>An entry of at most {@value #POINT_READ_BYTES} bytes that starts at {@code from} is read
     * through the {@link EntryCache}, so one read lately is copied from the heap.
     *
     * @return the position reached; short of {@code to} when {@code out} is full, or when the data
     *         is gone (the stream was dropped; entries still in the entry cache are copied from it)
     */
    public long copy(long id, long from, long to, ByteBuffer out) {
        if (to - from <= POINT_READ_BYTES && out.remaining() >= to - from) {
            // Usually one entry that starts at from: a point read, without building an iterator.
            byte[] entry = entries.get(id, from);
            if (entry == null) {
                entry = entryAt(id, from, true);
            }
            if (entry != null && entry.length >= to - from) {
                out.put(entry, 0, (int) (to - from));
                return to;
            }
        }
        long position = from;
        int first = out.position();
        try (KeyValueCursor c = dataFrom(id, from, to, to - from > BULK_BYTES)) {
            while (position < to && out.hasRemaining() && c.next()) {
                long start = KeyLayout.dataPosition(c.key());
                int length = c.valueLength();
                if (start + length <= position) {
                    continue;
                }
                if (start > position) {
                    break;
                }
                int skip = (int) (position - start);
                int take = (int) (Math.min(start + length, to) - position);
                if (take > out.remaining()) {
                    if (out.position() > first) {
                        break;
                    }
                    take = out.remaining();
                }
                copy(c, skip, take, out);
                position += take;
            }
        }
        return position;
    }

    /**
     * The entry of one stream id that starts at {@code position}, read from the engine with a point
     * read, and kept in the entry cache if {@code keep}.
     *
     * @return the entry, or null when none starts there
     */
    private byte[] entryAt(long id, long position, boolean keep) {
        byte[] entry = engine.get(KeyLayout.data(id, position));
        if (entry != null && keep) {
            entries.put(id, position, entry);
        }
        return entry;
    }

    /** A cursor over the data of one stream id from the entry holding {@code from} to below {@code to}. */
    private KeyValueCursor dataFrom(long id, long from, long to, boolean bulk) {
        return engine.scanFromFloor(KeyLayout.streamStart(KeyLayout.DATA, id), KeyLayout.data(id, from),
                KeyLayout.data(id, to), bulk);
    }

    /** Copies {@code take} bytes of the cursor's value from byte {@code skip} into {@code out}. */
    private static void copy(KeyValueCursor c, int skip, int take, ByteBuffer out) {
        if (skip == 0) {
            int limit = out.limit();
            out.limit(out.position() + take);
            c.copyValue(out);
            out.limit(limit);
        } else {
            out.put(c.value(), skip, take);
        }
    }

    /**
     * The start of the entry of one stream id that holds {@code position}.
     *
     * @return that entry's first position, or {@code position} itself when no entry holds it or one
     *         starts there
     */
    public long entryStart(long id, long position) {
        KeyValueStore.KeyValue floor = engine.floor(KeyLayout.streamStart(KeyLayout.DATA, id), KeyLayout.data(id, position));
        if (floor == null) {
            return position;
        }
        long start = KeyLayout.dataPosition(floor.key());
        return start + floor.value().length > position ? start : position;
    }

    /**
     * The end of the entry of one stream id that holds the byte before {@code position}.
     *
     * @return the position just past that entry, or {@code position} itself when an entry ends there
     *         (or none holds the byte before it)
     */
    public long entryEnd(long id, long position) {
        if (position <= 0) {
            return position;
        }
        long end = position - 1;
        KeyValueStore.KeyValue floor = engine.floor(KeyLayout.streamStart(KeyLayout.DATA, id), KeyLayout.data(id, end));
        if (floor == null) {
            return position;
        }
        return Math.max(position, KeyLayout.dataPosition(floor.key()) + floor.value().length);
    }

    /** How far a walk of whole entries got: {@code entries} entries, ending at {@code end}. */
    public record EntryWalk(long entries, long end) {
    }

    /** Walks up to {@code maxEntries} entries starting at or after {@code from} and below {@code to}. */
    public EntryWalk walkEntries(long id, long from, long to, long maxEntries) {
        long position = from;
        long seen = 0;
        try (KeyValueCursor c = engine.scan(KeyLayout.data(id, from), KeyLayout.data(id, to))) {
            while (seen < maxEntries && c.next()) {
                position = Math.min(to, KeyLayout.dataPosition(c.key()) + c.value().length);
                seen++;
            }
        }
        return new EntryWalk(seen, position);
    }

    /** Every record of a kind keyed by name ({@code SUBSCRIPTION}, {@code SIGNING_KEY}), name to value, in name order. */
    private SortedMap<String, byte[]> named(byte tag) {
        SortedMap<String, byte[]> records = new TreeMap<>();
        try (KeyValueCursor c = engine.scan(KeyLayout.tagStart(tag), KeyLayout.tagEnd(tag))) {
            while (c.next()) {
                byte[] key = c.key();
                records.put(new String(key, 1, key.length - 1, StandardCharsets.UTF_8), c.value());
            }
        }
        return records;
    }

    /** Every stored subscription record, tombstones included: subscription id to its encoded state. */
    public SortedMap<String, byte[]> subscriptions() {
        return named(KeyLayout.SUBSCRIPTION);
    }

    /** Every stored webhook signing key: key id to its encoded key pair. */
    public SortedMap<String, byte[]> signingKeys() {
        return named(KeyLayout.SIGNING_KEY);
    }

    /** The stored state of one subscription (its tombstone after deletion), if any. */
    public Optional<byte[]> subscription(String id) {
        return Optional.ofNullable(engine.get(KeyLayout.named(KeyLayout.SUBSCRIPTION, id)));
    }

    /** One stored webhook signing key, if any. */
    public Optional<byte[]> signingKey(String kid) {
        return Optional.ofNullable(engine.get(KeyLayout.named(KeyLayout.SIGNING_KEY, kid)));
    }

    /** The secret that signs callback and claim tokens, if one was stored. */
    public Optional<byte[]> tokenSecret() {
        return Optional.ofNullable(engine.get(new byte[] {KeyLayout.TOKEN_SECRET}));
    }

    /** Starts a set of changes that {@link #commit} applies atomically. */
    public Mutation mutation() {
        return new Mutation();
    }

    /**
     * Applies the mutation in one atomic batch.
     *
     * @param durable sync to stable storage before returning (acknowledged writes); false only for
     *                bookkeeping whose loss is harmless, such as TTL access times
     */
    public void commit(Mutation mutation, boolean durable) {
        if (writer != this) {
            writer.commit(mutation, durable);
            return;
        }
        if (mutation.batch.isEmpty()) {
            return;
        }
        Replica r = replica;
        if (r != null) {
            r.stamp(mutation);
        } else if (mutation.grows) {
            String full = engine.full();
            if (full != null) {
                throw StoreException.limitReached(full);
            }
        }
        boolean changes = !mutation.cacheChanges.isEmpty();
        if (changes) {
            cache.changing();
        }
        try {
            engine.write(mutation.batch, r == null && durable);
        } catch (RuntimeException e) {
            // What the failed write left is read from the engine again, never assumed.
            if (changes) {
                cache.changed(mutation.cacheChanges, false);
            }
            mutation.tailMoves.forEach(move -> tails.remove(move.id()));
            throw e;
        }
        // The metadata before the tails: a reader reads the known tail first, then the metadata.
        if (changes) {
            cache.changed(mutation.cacheChanges, true);
        }
        streams.addAndGet(mutation.streamsAdded);
        for (TailMove move : mutation.tailMoves) {
            raiseTail(move.id(), move.tail());
        }
        mutation.dropped.forEach(tails::remove);
    }

    /** A stream's tail as a mutation leaves it. */
    private record TailMove(long id, long tail) {
    }

    /**
     * What makes this store a replica of a command log (cluster mode): from now on every commit
     * carries the log position its command reached, and is not synced (the log is what is durable;
     * the store is rebuilt from it); stream ids come from the log too, so they are the same on
     * every replica.
     */
    public void replicate(Replica replica) {
        writer.replica = replica;
    }

    /** The log a replica store is a copy of; see {@link #replicate}. */
    public interface Replica {
        /**
         * Adds the position of the command being applied to a commit ({@link Mutation#checkpoint}).
         *
         * @throws IllegalStateException when no command is being applied: a replica changes only
         *                               by applying the log
         */
        void stamp(Mutation mutation);

        /** The id of a stream created by the command being applied: unique, and the same on every replica. */
        long streamId();
    }

    /**
     * The checkpoint of log partition {@code partition}: the value last written by
     * {@link Mutation#checkpoint}, or null when the partition was never applied here.
     */
    public byte[] checkpoint(int partition) {
        return engine.get(KeyLayout.logCheckpoint(partition));
    }

    @Override
    public void close() {
        engine.close();
    }

    /** Changes to one or more streams, committed together by {@link StreamStore#commit}. */
    public static final class Mutation {
        private final WriteBatch batch = new WriteBatch();
        /** Streams this mutation adds ({@link #putNewStream}) less those it drops ({@link #dropStream}). */
        private long streamsAdded;
        /**
         * Whether this mutation adds a stream or data: refused while the engine is {@link KeyValueStore#full()}.
         * Anything else (closing, deleting, metadata) is taken, so that space can be freed.
         */
        private boolean grows;
        private final List<TailMove> tailMoves = new ArrayList<>(1);
        private final List<Long> dropped = new ArrayList<>(0);
        /** What this mutation changes of the records {@link MetadataCache} holds, in order. */
        private final List<MetadataCache.Change> cacheChanges = new ArrayList<>(0);

        private Mutation() {
        }

        /** Records how far the log partition {@code partition} has been applied (see {@link Replica}). */
        public Mutation checkpoint(int partition, byte[] position) {
            batch.put(KeyLayout.logCheckpoint(partition), position);
            return this;
        }

        /** Stores the metadata of a stream created under a fresh id ({@link StreamStore#newStreamId()}). */
        public Mutation putNewStream(StreamMetadata metadata) {
            streamsAdded++;
            grows = true;
            return putMetadata(metadata);
        }

        public Mutation putData(long id, long position, byte[] bytes) {
            grows = true;
            batch.put(KeyLayout.data(id, position), bytes);
            return this;
        }

        public Mutation putMetadata(StreamMetadata metadata) {
            batch.put(KeyLayout.meta(metadata.id()), MetadataCodec.encode(metadata));
            tailMoves.add(new TailMove(metadata.id(), metadata.tail()));
            cacheChanges.add(new MetadataCache.MetadataPut(metadata));
            return this;
        }

        /**
         * Moves the stream's tail to {@code tail}, where the data entries this mutation puts end,
         * without rewriting its metadata: for an append that changes nothing else. From the commit on,
         * {@link StreamStore#byId} reports the new tail, and after a restart finds it again at the end
         * of the last data entry.
         */
        public Mutation moveTail(long id, long tail) {
            tailMoves.add(new TailMove(id, tail));
            return this;
        }

        /** Asks the sweeper to look at the stream at {@code deadlineMillis}. */
        public Mutation indexExpiry(long id, long deadlineMillis) {
            batch.put(KeyLayout.expiry(deadlineMillis, id), new byte[0]);
            return this;
        }

        public Mutation unindexExpiry(ExpiryCheck check) {
            batch.delete(KeyLayout.expiry(check.deadlineMillis(), check.id()));
            return this;
        }

        /** Records a TTL-resetting access without rewriting the metadata. */
        public Mutation touch(long id, long millis) {
            batch.put(KeyLayout.access(id), ByteBuffer.allocate(8).putLong(millis).array());
            return this;
        }

        public Mutation bindPath(String path, long id) {
            batch.put(KeyLayout.path(path), ByteBuffer.allocate(8).putLong(id).array());
            cacheChanges.add(new MetadataCache.PathBound(path, id));
            return this;
        }

        public Mutation unbindPath(String path) {
            batch.delete(KeyLayout.path(path));
            cacheChanges.add(new MetadataCache.PathUnbound(path));
            return this;
        }

        public Mutation putProducer(long id, String producerId, ProducerState state) {
            batch.put(KeyLayout.producer(id, producerId), MetadataCodec.encode(state));
            return this;
        }

        public Mutation putWatermark(long id, SourcePartition partition, long offset) {
            batch.put(KeyLayout.watermark(id, partition.topic(), partition.partition()),
                    ByteBuffer.allocate(8).putLong(offset).array());
            return this;
        }

        /**
         * Indexes an append's source range twice: by partition and last source offset ({@code s}, for
         * the lookup of a Kafka offset) and, if it wrote data, by stream end position ({@code r}, for
         * listing a stream's appends in stream order).
         */
        public Mutation indexSourceBatch(long id, SourcePartition partition, SourceBatch sourceBatch) {
            batch.put(KeyLayout.sourceIndex(id, partition.topic(), partition.partition(), sourceBatch.lastOffset()),
                    ByteBuffer.allocate(24).putLong(sourceBatch.firstOffset())
                            .putLong(sourceBatch.streamStart()).putLong(sourceBatch.streamEnd()).array());
            if (sourceBatch.streamEnd() > sourceBatch.streamStart()) {
                byte[] topic = partition.topic().getBytes(StandardCharsets.UTF_8);
                batch.put(KeyLayout.sourceAppend(id, sourceBatch.streamEnd()),
                        ByteBuffer.allocate(28 + topic.length).putLong(sourceBatch.streamStart())
                                .putLong(sourceBatch.firstOffset()).putLong(sourceBatch.lastOffset())
                                .putInt(partition.partition()).put(topic).array());
            }
            return this;
        }

        /** Records that the stream's commit ending at {@code streamEnd} was made at {@code millis}. */
        public Mutation indexAppendTime(long id, long streamEnd, long millis) {
            batch.put(KeyLayout.appendTime(id, streamEnd), ByteBuffer.allocate(8).putLong(millis).array());
            return this;
        }

        /** Puts the stream on the retention sweep's list. */
        public Mutation indexRetained(long id) {
            batch.put(KeyLayout.retained(id), new byte[0]);
            return this;
        }

        /**
         * Drops the head of a stream's history: every data entry that starts below {@code below} (an
         * entry boundary, so they all end by it), the commit times and source-append index entries that
         * end by it, and the source-offset index entries of {@code dropped}, as
         * {@link StreamStore#sourceAppendsEndingBy} lists them. Producer states and watermarks stay.
         */
        public Mutation dropHead(long id, long below, List<SourceAppend> dropped) {
            batch.deleteRange(KeyLayout.streamStart(KeyLayout.DATA, id), KeyLayout.data(id, below));
            batch.deleteRange(KeyLayout.streamStart(KeyLayout.APPEND_TIME, id), KeyLayout.appendTime(id, below + 1));
            batch.deleteRange(KeyLayout.streamStart(KeyLayout.SOURCE_APPEND, id), KeyLayout.sourceAppend(id, below + 1));
            for (SourceAppend a : dropped) {
                batch.delete(KeyLayout.sourceIndex(id, a.partition().topic(), a.partition().partition(),
                        a.batch().lastOffset()));
            }
            return this;
        }

        /** Stores the whole state of one subscription (its tombstone after deletion). */
        public Mutation putSubscription(String id, byte[] state) {
            batch.put(KeyLayout.named(KeyLayout.SUBSCRIPTION, id), state);
            return this;
        }

        public Mutation putSigningKey(String kid, byte[] keyPair) {
            batch.put(KeyLayout.named(KeyLayout.SIGNING_KEY, kid), keyPair);
            return this;
        }

        public Mutation deleteSigningKey(String kid) {
            batch.delete(KeyLayout.named(KeyLayout.SIGNING_KEY, kid));
            return this;
        }

        public Mutation putTokenSecret(byte[] secret) {
            batch.put(new byte[] {KeyLayout.TOKEN_SECRET}, secret);
            return this;
        }

        /** Removes every record of the stream: metadata first, so no reader sees a partial stream. */
        public Mutation dropStream(long id) {
            streamsAdded--;
            dropped.add(id);
            cacheChanges.add(new MetadataCache.StreamDropped(id));
            batch.delete(KeyLayout.meta(id));
            batch.delete(KeyLayout.access(id));
            batch.delete(KeyLayout.retained(id));
            for (byte tag : new byte[] {KeyLayout.DATA, KeyLayout.PRODUCER, KeyLayout.WATERMARK,
                    KeyLayout.SOURCE_INDEX, KeyLayout.SOURCE_APPEND, KeyLayout.APPEND_TIME}) {
                batch.deleteRange(KeyLayout.streamStart(tag, id), KeyLayout.streamEnd(tag, id));
            }
            return this;
        }
    }
}
