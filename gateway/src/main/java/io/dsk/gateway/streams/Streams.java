package io.dsk.gateway.streams;

import io.dsk.gateway.protocol.ProtocolException;
import io.dsk.gateway.protocol.ReadOffset;
import io.dsk.gateway.store.SourceAppend;
import io.dsk.gateway.store.SourceBatch;
import io.dsk.gateway.store.SourcePartition;
import io.dsk.gateway.store.SourceWatermark;
import io.dsk.gateway.store.StreamMetadata;
import io.dsk.gateway.store.StreamStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The stream domain's entry point: every protocol operation on streams, over one
 * {@link StreamStore}. Thread-safe; calls block on storage, so callers run them off IO threads,
 * except {@link #submitAppend} and the reads of {@link #inMemory()}, which never block.
 * {@link #close()} before closing the store.
 */
public final class Streams implements CatchUpReads, AutoCloseable {

    /** Largest stored entry of a non-JSON stream. */
    public static final int MAX_ENTRY_BYTES = 64 << 10;
    /** Most forks between a stream and its root, unless configured otherwise ({@code max-fork-depth}). */
    public static final int DEFAULT_MAX_FORK_DEPTH = 64;
    static final int SWEEP_BATCH = 1000;

    private final StreamLookup lookup;
    private final StreamChanges changes;
    private final StreamReads reads;
    private final Optional<CatchUpReads> inMemory;

    /**
     * Streams with the default {@link #DEFAULT_MAX_FORK_DEPTH}.
     *
     * @param store the store
     * @param listener told after each durable change of a stream (wakes live readers)
     * @param clock wall clock in epoch millis (TTL and expiry)
     */
    public Streams(StreamStore store, StreamListener listener, LongSupplier clock) {
        this(store, listener, clock, DEFAULT_MAX_FORK_DEPTH);
    }

    /**
     * @param store the store
     * @param listener told after each durable change of a stream (wakes live readers)
     * @param clock wall clock in epoch millis (TTL and expiry)
     * @param maxForkDepth most forks between a stream and its root; a deeper fork is refused with 400
     */
    public Streams(StreamStore store, StreamListener listener, LongSupplier clock, int maxForkDepth) {
        this(store, listener, clock, maxForkDepth, AppendCommitListener.NONE);
    }

    /**
     * @param store the store
     * @param listener told after each durable change of a stream (wakes live readers)
     * @param clock wall clock in epoch millis (TTL and expiry)
     * @param maxForkDepth most forks between a stream and its root; a deeper fork is refused with 400
     * @param commits told after each commit of appends (metrics)
     */
    public Streams(StreamStore store, StreamListener listener, LongSupplier clock, int maxForkDepth,
                   AppendCommitListener commits) {
        this(store, listener, clock, maxForkDepth, commits, LocalChanges::new);
    }

    /**
     * Streams whose changes go where {@code changes} sends them (a cluster's command log).
     *
     * @param store the store
     * @param listener told after each durable change of a stream (wakes live readers)
     * @param clock time in epoch millis (TTL and expiry); in a cluster, the log's time while applying
     * @param maxForkDepth most forks between a stream and its root; a deeper fork is refused with 400
     * @param commits told after each commit of appends (metrics)
     * @param changes builds the changes from the local apply (which they use as they see fit)
     */
    public Streams(StreamStore store, StreamListener listener, LongSupplier clock, int maxForkDepth,
                   AppendCommitListener commits, Function<StreamApply, StreamChanges> changes) {
        StreamLocks locks = new StreamLocks();
        EntryFraming framing = new EntryFraming(MAX_ENTRY_BYTES);
        this.lookup = new StreamLookup(store, clock);
        StreamRemoval removal = new StreamRemoval(lookup, locks, listener);
        StreamApply apply = new StreamApply(lookup,
                new StreamCreation(lookup, locks, removal, framing, maxForkDepth),
                new StreamAppends(lookup, locks, framing, listener, commits), removal,
                new StreamRetention(lookup, locks), listener);
        this.changes = changes.apply(apply);
        this.reads = new StreamReads(lookup, this.changes);
        this.inMemory = this.changes.catchUpMayWait() ? Optional.empty()
                : Optional.of(new MemoryReads(new StreamLookup(store.memoryOnly(), clock), this.changes));
    }

    /**
     * Catch-up reads that never block, for an IO thread: from memory only, each step answering as
     * this object's would or throwing {@link io.dsk.gateway.store.NotInMemoryException} before any
     * side effect (then run the read here instead). Empty when reads must first wait for changes
     * acknowledged by other nodes (a cluster).
     */
    public Optional<CatchUpReads> inMemory() {
        return inMemory;
    }

    /** PUT: creates or forks a stream, or confirms an identical one. */
    public CreateResult create(CreateRequest request) {
        return changes.create(request);
    }

    /** POST: appends and/or closes, and waits until that is durable or refused. */
    public AppendResult append(AppendRequest request) {
        return awaitAppend(answer -> submitAppend(request, answer));
    }

    /** Submits an append with {@code submit} and waits for its answer: the result, or the refusal thrown. */
    static AppendResult awaitAppend(Consumer<AppendAnswer> submit) {
        CompletableFuture<AppendResult> outcome = new CompletableFuture<>();
        submit.accept((result, failure) -> {
            if (failure != null) {
                outcome.completeExceptionally(failure);
            } else {
                outcome.complete(result);
            }
        });
        try {
            return outcome.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Receives the outcome of an append submitted with {@link #submitAppend}. */
    @FunctionalInterface
    public interface AppendAnswer {
        /**
         * Called once, on the thread that commits appends (or, for a request refused at once, on
         * the caller's); must not block.
         *
         * @param result the result, or null if the append failed
         * @param failure why it failed ({@link ProtocolException} for a refusal), or null
         */
        void accept(AppendResult result, RuntimeException failure);
    }

    /**
     * POST without blocking: queues an append and/or close; {@code answer} gets the outcome once it
     * is durable or refused. Appends of any streams that queue up while a commit is syncing are
     * checked and committed together in the next one.
     */
    public void submitAppend(AppendRequest request, AppendAnswer answer) {
        changes.submitAppend(request, answer);
    }

    /** Stops taking changes; those still waiting fail with 503. The store stays open. */
    @Override
    public void close() {
        changes.close();
    }

    /** DELETE. */
    public void delete(String path) {
        changes.delete(path);
    }

    /** HEAD: the live stream's metadata. */
    @Override
    public StreamMetadata head(String path) {
        long asOf = lookup.now();
        changes.catchUp();
        return reads.head(path, asOf);
    }

    /** Opens a read: checks the stream and offset, resets the TTL window, returns the metadata. */
    @Override
    public StreamMetadata openRead(String path, ReadOffset offset) {
        long asOf = lookup.now();
        changes.catchUp();
        return reads.open(path, offset, asOf);
    }

    /**
     * Where a read at {@code offset} starts: the stream start, the tail, or the start of the message
     * that holds the offset, so that no read returns part of a message.
     *
     * @param meta   the stream, as {@link #openRead} returned it
     * @param offset the read's offset
     * @return the position to read from
     */
    @Override
    public long readStart(StreamMetadata meta, ReadOffset offset) {
        return reads.start(meta, offset);
    }

    /** One chunk from {@code position} of the live stream at {@code path}. */
    public ReadResult read(String path, long position, int maxBytes) {
        return reads.read(path, position, maxBytes);
    }

    /** One chunk from {@code position} of a stream whose metadata the caller already holds. */
    @Override
    public ReadResult read(StreamMetadata meta, long position, int maxBytes) {
        return reads.readFrom(meta, position, maxBytes);
    }

    /**
     * The body of a catch-up read of a byte stream from {@code position}, of at most {@code maxBytes};
     * the data is copied later, piece by piece, by {@link StreamBody#fill}.
     */
    @Override
    public StreamBody body(StreamMetadata meta, long position, long maxBytes) {
        return reads.body(meta, position, maxBytes);
    }

    /** The current metadata of the stream with internal id {@code id}, if it still exists and is live. */
    public Optional<StreamMetadata> current(long id) {
        return lookup.store().byId(id).filter(this::isLive);
    }

    private boolean isLive(StreamMetadata meta) {
        return !meta.softDeleted() && !lookup.isExpired(meta);
    }

    /**
     * The current metadata of the stream with internal id {@code id}.
     *
     * @throws ProtocolException 404 if it was deleted or expired, 410 if it was soft-deleted
     */
    public StreamMetadata live(long id) {
        StreamMetadata meta = lookup.store().byId(id)
                .orElseThrow(() -> ProtocolException.notFound("the stream was deleted"));
        if (meta.softDeleted()) {
            throw ProtocolException.gone("the stream was deleted; only its forks still read its data");
        }
        if (lookup.isExpired(meta)) {
            throw ProtocolException.notFound("the stream expired");
        }
        return meta;
    }

    /**
     * Live streams (not soft-deleted, not expired) whose path starts with {@code prefix}, in path order.
     *
     * @param prefix path prefix; empty for all
     * @param after start after this path; null for the first page
     * @param limit at most this many
     */
    public List<StreamMetadata> list(String prefix, String after, int limit) {
        changes.catchUp();
        return listApplied(prefix, after, limit);
    }

    /**
     * Like {@link #list}, of what this node has applied so far, without first catching up with the
     * cluster: for callers that caught up already and must not wait for the apply (it may be waiting
     * for them).
     */
    public List<StreamMetadata> listApplied(String prefix, String after, int limit) {
        List<StreamMetadata> page = new ArrayList<>(Math.min(limit, 256));
        String cursor = after;
        while (page.size() < limit) {
            List<String> paths = lookup.store().paths(prefix, cursor, limit - page.size());
            if (paths.isEmpty()) {
                break;
            }
            for (String path : paths) {
                lookup.store().byPath(path).filter(this::isLive).ifPresent(page::add);
            }
            cursor = paths.get(paths.size() - 1);
        }
        return page;
    }

    /** The source watermarks of the live stream at {@code path}. */
    public List<SourceWatermark> watermarks(String path) {
        changes.catchUp();
        return lookup.store().watermarks(lookup.live(path).id());
    }

    /**
     * The append of the live stream at {@code path} that holds source offset {@code offset}.
     *
     * @throws ProtocolException 404 when that offset was never written to the stream
     */
    public SourceBatch sourceBatch(String path, SourcePartition partition, long offset) {
        changes.catchUp();
        StreamMetadata meta = lookup.live(path);
        return lookup.store().sourceBatch(meta.id(), partition, offset)
                .orElseThrow(() -> ProtocolException.notFound("source offset " + offset + " of "
                        + partition.topic() + "/" + partition.partition() + " was never written to this stream"));
    }

    /**
     * The appends of the live stream at {@code path} that carried a source range and end after stream
     * position {@code after}, in stream order, at most {@code limit}.
     */
    public List<SourceAppend> sourceAppends(String path, long after, int limit) {
        changes.catchUp();
        return lookup.store().sourceAppends(lookup.live(path).id(), after, limit);
    }

    /**
     * Removes streams whose TTL or expiry has passed, as found by the expiry index.
     *
     * @return how many were removed
     */
    public int sweepExpired() {
        return changes.sweepExpired();
    }

    /**
     * Drops, from every stream with a retention policy, the history its stored policy no longer
     * keeps at {@code now} (see {@link RetentionHorizon}). The decision depends only on the stored
     * streams and {@code now}, never on the local clock or configuration. In a cluster the
     * decision is a command of the log, taken at the log's time, and {@code now} is not used.
     *
     * @param now the time of the decision, epoch millis
     * @return what was dropped
     */
    public RetentionPass enforceRetention(long now) {
        return changes.enforceRetention(now);
    }

    /** The earliest offset a reader of the stream can read: 0 unless retention dropped history. */
    @Override
    public long earliest(StreamMetadata meta) {
        return reads.earliest(meta);
    }
}
