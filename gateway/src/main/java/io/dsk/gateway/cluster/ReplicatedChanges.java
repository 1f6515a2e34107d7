package io.dsk.gateway.cluster;

import io.dsk.gateway.protocol.ProtocolException;
import io.dsk.gateway.store.StreamMetadata;
import io.dsk.gateway.streams.AppendRequest;
import io.dsk.gateway.streams.AppendResult;
import io.dsk.gateway.streams.CreateRequest;
import io.dsk.gateway.streams.CreateResult;
import io.dsk.gateway.streams.RetentionPass;
import io.dsk.gateway.streams.StreamApply;
import io.dsk.gateway.streams.StreamChanges;
import io.dsk.gateway.streams.Streams;
import io.undertow.util.Headers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

/**
 * Cluster-mode changes: each request becomes a command in the log, and is answered once this node
 * has applied it, with the outcome the apply decided (the same outcome every node decided).
 * Reads first pass the {@link ReadBarrier}.
 */
final class ReplicatedChanges implements StreamChanges {

    /** Most streams whose last TTL touch this node remembers, to send at most one per window. */
    private static final int TOUCHED_STREAMS = 100_000;
    /** Longest a TTL touch is held back: a read resets the window to within this of its time. */
    private static final long TOUCH_WINDOW_MILLIS = 1_000;

    private final CommandLog log;
    private final StreamApply apply;
    private final LogClock clock;
    private final PendingCommands pending;
    private final LogApplier applier;
    private final ReadBarrier barrier;
    private final Duration writeTimeout;
    private final Map<Long, Long> touched = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
            return size() > TOUCHED_STREAMS;
        }
    };
    private volatile boolean closed;

    ReplicatedChanges(CommandLog log, StreamApply apply, LogClock clock, PendingCommands pending,
                      ReplicatedSubscriptions subscriptions, Duration readWait, Duration writeTimeout) {
        this.log = log;
        this.apply = apply;
        this.clock = clock;
        this.pending = pending;
        this.writeTimeout = writeTimeout;
        this.applier = new LogApplier(log, apply, clock, pending, subscriptions);
        subscriptions.connect(this);
        this.barrier = new ReadBarrier(log, applier, readWait);
        applier.start();
    }

    LogApplier applier() {
        return applier;
    }

    @Override
    public CreateResult create(CreateRequest request) {
        if (request.isFork() && partition(request.forkedFrom()) != partition(request.path())) {
            throw ProtocolException.badRequest("this cluster's log has " + log.partitions() + " partitions and the fork "
                    + "and its source fall in different ones; a fork must share its source's partition "
                    + "(run the cluster with one partition, the default, to fork any stream)");
        }
        return (CreateResult) await(new Command.Create(request));
    }

    @Override
    public void submitAppend(AppendRequest request, Streams.AppendAnswer answer) {
        if (StreamApply.refuseEmpty(request, answer)) {
            return;
        }
        send(new Command.Append(request), (result, failure) -> answer.accept((AppendResult) result, failure));
    }

    @Override
    public void delete(String path) {
        await(new Command.Delete(path));
    }

    @Override
    public void touched(StreamMetadata meta, long millis) {
        synchronized (touched) {
            Long last = touched.get(meta.id());
            if (last != null && millis - last < Math.min(TOUCH_WINDOW_MILLIS, meta.ttlSeconds() * 100)) {
                return;
            }
            touched.put(meta.id(), millis);
        }
        send(new Command.Touch(meta.path(), meta.id()), (result, failure) -> { });
    }

    @Override
    public int sweepExpired() {
        if (apply.store().dueExpiries(clock.getAsLong(), 1).isEmpty()) {
            return 0;
        }
        int removed = 0;
        for (int p = 0; p < log.partitions(); p++) {
            removed += (Integer) await(new Command.Sweep(), p);
        }
        return removed;
    }

    /**
     * Writes a retention command to every partition and returns what their apply dropped here. The
     * retention sweeper of every node sends them; those of other nodes drop history too, which this
     * node applies but does not count.
     */
    @Override
    public RetentionPass enforceRetention(long now) {
        List<RetentionPass.Truncation> truncations = new ArrayList<>();
        long retained = 0;
        for (int p = 0; p < log.partitions(); p++) {
            RetentionPass pass = (RetentionPass) await(new Command.Retain(), p);
            truncations.addAll(pass.truncations());
            retained += pass.retainedBytes();
        }
        return new RetentionPass(truncations, retained);
    }

    @Override
    public void catchUp() {
        barrier.await();
    }

    @Override
    public void close() {
        closed = true;
        barrier.close();
        applier.close();
        pending.failAll(shuttingDown());
    }

    /** Fails the commands that were not applied within the write timeout; run periodically. */
    void expireLate() {
        pending.expire(writeTimeout.toNanos(), new ProtocolException(503, "this node did not apply the command within "
                + writeTimeout.toSeconds() + " s" + (applier.fault() == null ? "" : " (" + applier.fault() + ")")
                + "; it may still take effect: retry with the same Producer-Id, Producer-Epoch and Producer-Seq "
                + "to be safe, or read the stream to check"));
    }

    private Object await(Command command) {
        return await(command, partition(command.path()));
    }

    /** Writes a command to a partition and waits for the outcome of its apply here. */
    Object await(Command command, int partition) {
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        send(command, partition, (result, failure) -> {
            if (failure != null) {
                outcome.completeExceptionally(failure);
            } else {
                outcome.complete(result);
            }
        });
        try {
            return outcome.get(writeTimeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new ProtocolException(503, "this node did not apply the command in time; it may still take effect");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw shuttingDown();
        }
    }

    private void send(Command command, BiConsumer<Object, RuntimeException> answer) {
        send(command, partition(command.path()), answer);
    }

    private void send(Command command, int partition, BiConsumer<Object, RuntimeException> answer) {
        if (closed) {
            answer.accept(null, shuttingDown());
            return;
        }
        CommandCodec.Origin origin = pending.register(answer);
        log.append(partition, CommandCodec.encode(origin, command)).whenComplete((offset, failure) -> {
            if (failure != null) {
                pending.answer(origin, null, new ProtocolException(503, "the command log did not confirm the write ("
                        + rootMessage(failure) + "); it may or may not have been written: retry with the same "
                        + "Producer-Id, Producer-Epoch and Producer-Seq to be safe").with(
                        Headers.RETRY_AFTER, "1"));
            }
        });
    }

    /** The log partition of a stream path: a fixed hash, the same on every node and version. */
    int partition(String path) {
        int partitions = log.partitions();
        if (partitions == 1 || path == null) {
            return 0;
        }
        return Math.floorMod(fnv1a(path.getBytes(StandardCharsets.UTF_8)), partitions);
    }

    /** 32-bit FNV-1a: small, stable, and spread enough for choosing among a few partitions. */
    private static int fnv1a(byte[] bytes) {
        int h = 0x811c9dc5;
        for (byte b : bytes) {
            h ^= b & 0xff;
            h *= 0x01000193;
        }
        return h;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static ProtocolException shuttingDown() {
        return new ProtocolException(503, "the gateway is shutting down; retry on another node");
    }
}
