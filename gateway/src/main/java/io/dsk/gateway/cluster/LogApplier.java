package io.dsk.gateway.cluster;

import io.dsk.gateway.protocol.ProtocolException;
import io.dsk.gateway.store.StreamStore;
import io.dsk.gateway.streams.AppendRequest;
import io.dsk.gateway.streams.StreamApply;
import io.dsk.gateway.streams.Streams;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the command log to the local store, in order, on one thread, and answers this node's own
 * commands with the outcome the apply decided.
 *
 * <p>Every commit carries the position it reached (a checkpoint per partition, in the same atomic
 * write), so a restarted node resumes exactly after the last command whose effects it holds, and a
 * node without a store rebuilds from the start of the log. A run of consecutive appends of one
 * partition is checked and committed as one write, the way a single node commits what queued while
 * it synced, as long as the log's time stays the same within it. A refusal ({@link ProtocolException}) is an outcome like any other; any other failure
 * (a full disk) had no effect, so the same commands are applied again after a pause until they go
 * through, and the node reports itself not ready meanwhile. A record this version cannot read stops
 * the apply for good: applying past it would let this node diverge from the others.
 */
final class LogApplier implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LogApplier.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long CHECKPOINT_EVERY_NANOS = Duration.ofSeconds(1).toNanos();
    private static final long RETRY_FIRST_MILLIS = 100;
    private static final long RETRY_MAX_MILLIS = 30_000;
    /** Offsets of the log fit in the low 48 bits of a stream id; the partition takes the rest. */
    private static final int OFFSET_BITS = 48;

    private final CommandLog log;
    private final StreamApply apply;
    private final LogClock clock;
    private final PendingCommands pending;
    private final ReplicatedSubscriptions subscriptions;
    private final int partitions;
    private final AtomicLongArray next;
    private final long[] checkpointed;
    private final Object progress = new Object();
    private final Thread thread;
    private volatile boolean closed;
    private volatile Map<Integer, Long> startTarget;
    private volatile boolean caughtUp;
    private volatile String fault;
    private long lastCheckpointNanos = System.nanoTime();
    /** The record being applied (the last of a run), read by the store's stamp; applier thread only. */
    private CommandLog.LogRecord current;

    LogApplier(CommandLog log, StreamApply apply, LogClock clock, PendingCommands pending,
               ReplicatedSubscriptions subscriptions) {
        this.log = log;
        this.apply = apply;
        this.clock = clock;
        this.pending = pending;
        this.subscriptions = subscriptions;
        this.partitions = log.partitions();
        this.next = new AtomicLongArray(partitions);
        this.checkpointed = new long[partitions];
        StreamStore store = apply.store();
        for (int p = 0; p < partitions; p++) {
            byte[] checkpoint = store.checkpoint(p);
            if (checkpoint != null) {
                ByteBuffer b = ByteBuffer.wrap(checkpoint);
                next.set(p, b.getLong());
                clock.restore(p, b.getLong());
                checkpointed[p] = next.get(p);
            }
        }
        store.replicate(new StreamStore.Replica() {
            @Override
            public void stamp(StreamStore.Mutation mutation) {
                CommandLog.LogRecord r = requireApplying();
                mutation.checkpoint(r.partition(), checkpoint(r.partition(), r.offset() + 1));
            }

            @Override
            public long streamId() {
                CommandLog.LogRecord r = requireApplying();
                return ((long) r.partition() << OFFSET_BITS) | (r.offset() + 1);
            }
        });
        this.thread = new Thread(this::run, "dsk-log-applier");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** The partition of the log that owns the stream with internal id {@code id}. */
    static int partitionOf(long id) {
        return (int) (id >>> OFFSET_BITS);
    }

    /** The next offset to apply of each partition. */
    long next(int partition) {
        return next.get(partition);
    }

    /** True once the node has applied everything the log held when it started, and nothing stops it. */
    boolean ready() {
        return caughtUp && fault == null && !closed;
    }

    /** Why the apply is stuck, or null. */
    String fault() {
        return fault;
    }

    /**
     * Waits until every partition is applied up to {@code target}.
     *
     * @return false if {@code deadlineNanos} (of {@link System#nanoTime()}) passed first
     */
    boolean awaitApplied(Map<Integer, Long> target, long deadlineNanos) throws InterruptedException {
        synchronized (progress) {
            while (!reached(target)) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0 || closed) {
                    return false;
                }
                progress.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    /** How many records each partition is behind {@code end}. */
    Map<Integer, Long> lag(Map<Integer, Long> end) {
        Map<Integer, Long> lag = new HashMap<>();
        end.forEach((p, e) -> lag.put(p, Math.max(0, e - next.get(p))));
        return lag;
    }

    private boolean reached(Map<Integer, Long> target) {
        for (Map.Entry<Integer, Long> e : target.entrySet()) {
            if (next.get(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        closed = true;
        synchronized (progress) {
            progress.notifyAll();
        }
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        startTarget = firstTarget();
        if (startTarget == null) {
            return;
        }
        Map<Integer, Long> from = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            from.put(p, next.get(p));
        }
        LOG.info("applying the command log from {}; caught up at {}", from, startTarget);
        try (CommandLog.Reader reader = log.reader(from)) {
            checkCaughtUp();
            while (!closed) {
                List<CommandLog.LogRecord> records = reader.poll(POLL);
                if (!applyAll(records)) {
                    return;
                }
                checkpointIfDue();
                checkCaughtUp();
            }
        } catch (RuntimeException e) {
            if (!closed) {
                fault = "reading the command log failed: " + e.getMessage();
                LOG.error("the command log cannot be read; this node stops applying it and is not ready. "
                        + "If the log no longer holds the commands this node needs (topic retention), wipe its data "
                        + "directory only if the log still starts at offset 0; otherwise restore from a node that has them", e);
            }
        }
    }

    /** The log's end at start-up, retried until the log answers; null if closed first. */
    private Map<Integer, Long> firstTarget() {
        long pause = RETRY_FIRST_MILLIS;
        while (!closed) {
            try {
                return log.endOffsets(Duration.ofSeconds(10));
            } catch (RuntimeException e) {
                fault = "cannot reach the command log: " + e.getMessage();
                LOG.warn("cannot reach the command log yet ({}); retrying", e.getMessage());
                if (!pause(pause)) {
                    return null;
                }
                pause = Math.min(pause * 2, RETRY_MAX_MILLIS);
            }
        }
        return null;
    }

    private void checkCaughtUp() {
        if (!caughtUp && reached(startTarget)) {
            caughtUp = true;
            fault = null;
            LOG.info("caught up with the command log at {}", startTarget);
        }
    }

    /** Applies the records in order; false if the apply must stop for good. */
    private boolean applyAll(List<CommandLog.LogRecord> records) {
        int i = 0;
        while (i < records.size() && !closed) {
            CommandLog.LogRecord first = records.get(i);
            if (first.offset() < next.get(first.partition())) {
                i++;
                continue;
            }
            List<CommandLog.LogRecord> run = new ArrayList<>();
            List<CommandCodec.Envelope> commands = new ArrayList<>();
            for (int j = i; j < records.size(); j++) {
                CommandLog.LogRecord r = records.get(j);
                CommandCodec.Envelope env;
                try {
                    env = CommandCodec.decode(r.value());
                } catch (IllegalArgumentException e) {
                    if (!run.isEmpty()) {
                        break;
                    }
                    fault = "record " + r.offset() + " of partition " + r.partition() + " is not a command this "
                            + "gateway can read (" + e.getMessage() + ")";
                    LOG.error("{}; this node stops applying the log and is not ready", fault);
                    return false;
                }
                boolean append = env.command() instanceof Command.Append;
                // A run shares one time, so only appends the log's time does not move past join it:
                // then where poll batches happen to split the log changes nothing a run decides.
                if (!run.isEmpty() && (!append || r.partition() != first.partition()
                        || !(commands.get(0).command() instanceof Command.Append)
                        || r.timestamp() > Math.max(clock.logTime(first.partition()), first.timestamp()))) {
                    break;
                }
                run.add(r);
                commands.add(env);
                if (!append) {
                    break;
                }
            }
            if (!applyWithRetry(run, commands)) {
                return false;
            }
            i += run.size();
        }
        return !closed;
    }

    /** Applies one command, or a run of appends, until it goes through; false if closed first. */
    private boolean applyWithRetry(List<CommandLog.LogRecord> run, List<CommandCodec.Envelope> commands) {
        long pause = RETRY_FIRST_MILLIS;
        while (!closed) {
            try {
                List<Outcome> outcomes = applyOnce(run, commands);
                CommandLog.LogRecord last = run.get(run.size() - 1);
                if (fault != null && caughtUp) {
                    fault = null;
                }
                synchronized (progress) {
                    next.set(last.partition(), last.offset() + 1);
                    progress.notifyAll();
                }
                for (int k = 0; k < commands.size(); k++) {
                    pending.answer(commands.get(k).origin(), outcomes.get(k).result(), outcomes.get(k).failure());
                }
                return true;
            } catch (RuntimeException e) {
                CommandLog.LogRecord r = run.get(0);
                fault = "applying record " + r.offset() + " of partition " + r.partition() + " failed: " + e.getMessage();
                LOG.error("{}; it had no effect and is applied again in {} ms", fault, pause, e);
                if (!pause(pause)) {
                    return false;
                }
                pause = Math.min(pause * 2, RETRY_MAX_MILLIS);
            }
        }
        return false;
    }

    private record Outcome(Object result, RuntimeException failure) {
    }

    /** Applies; a refusal is an outcome, anything else is thrown (nothing was written). */
    private List<Outcome> applyOnce(List<CommandLog.LogRecord> run, List<CommandCodec.Envelope> commands) {
        CommandLog.LogRecord last = run.get(run.size() - 1);
        current = last;
        clock.applying(last.partition(), maxTimestamp(run));
        try {
            if (commands.get(0).command() instanceof Command.Append) {
                return applyAppends(commands);
            }
            Command command = commands.get(0).command();
            try {
                return List.of(new Outcome(applyOne(command, last.partition()), null));
            } catch (ProtocolException e) {
                return List.of(new Outcome(null, e));
            }
        } finally {
            clock.applied();
            current = null;
        }
    }

    private List<Outcome> applyAppends(List<CommandCodec.Envelope> commands) {
        List<AppendRequest> requests = new ArrayList<>(commands.size());
        List<Streams.AppendAnswer> answers = new ArrayList<>(commands.size());
        Outcome[] outcomes = new Outcome[commands.size()];
        for (int k = 0; k < commands.size(); k++) {
            requests.add(((Command.Append) commands.get(k).command()).request());
            int index = k;
            answers.add((result, failure) -> outcomes[index] = new Outcome(result, failure));
        }
        apply.append(requests, answers);
        for (Outcome o : outcomes) {
            if (o.failure() != null && !(o.failure() instanceof ProtocolException)) {
                throw o.failure();
            }
        }
        return List.of(outcomes);
    }

    private Object applyOne(Command command, int partition) {
        if (command instanceof Command.Create c) {
            return apply.create(c.request());
        }
        if (command instanceof Command.Delete d) {
            apply.delete(d.path());
            return Boolean.TRUE;
        }
        if (command instanceof Command.Touch t) {
            apply.store().byPath(t.path()).filter(m -> m.id() == t.streamId()).ifPresent(m -> apply.touch(m.id()));
            return Boolean.TRUE;
        }
        if (command instanceof Command.Sweep) {
            return apply.sweepExpired(id -> partitionOf(id) == partition);
        }
        if (command instanceof Command.Retain) {
            return apply.enforceRetention(id -> partitionOf(id) == partition);
        }
        if (command instanceof Command.Records r) {
            return subscriptions.apply(r, apply.store());
        }
        throw new IllegalStateException("no apply for " + command);
    }

    private static long maxTimestamp(List<CommandLog.LogRecord> run) {
        long max = Long.MIN_VALUE;
        for (CommandLog.LogRecord r : run) {
            max = Math.max(max, r.timestamp());
        }
        return max;
    }

    /** Writes the checkpoint of partitions whose last commands wrote nothing, at most once a second. */
    private void checkpointIfDue() {
        long now = System.nanoTime();
        if (now - lastCheckpointNanos < CHECKPOINT_EVERY_NANOS) {
            return;
        }
        lastCheckpointNanos = now;
        StreamStore store = apply.store();
        for (int p = 0; p < partitions; p++) {
            long upTo = next.get(p);
            if (upTo > checkpointed[p]) {
                current = new CommandLog.LogRecord(p, upTo - 1, clock.logTime(p), null);
                try {
                    store.commit(store.mutation().checkpoint(p, checkpoint(p, upTo)), false);
                    checkpointed[p] = upTo;
                } catch (RuntimeException e) {
                    LOG.warn("writing the checkpoint of partition {} failed; it is written again later", p, e);
                } finally {
                    current = null;
                }
            }
        }
    }

    private byte[] checkpoint(int partition, long nextOffset) {
        checkpointed[partition] = Math.max(checkpointed[partition], nextOffset);
        return ByteBuffer.allocate(16).putLong(nextOffset).putLong(clock.logTime(partition)).array();
    }

    private CommandLog.LogRecord requireApplying() {
        CommandLog.LogRecord r = current;
        if (r == null || Thread.currentThread() != thread) {
            throw new IllegalStateException("a replica's store changes only by applying the command log");
        }
        return r;
    }

    private boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return !closed;
        } catch (InterruptedException e) {
            return false;
        }
    }
}
