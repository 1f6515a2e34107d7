package io.dsk.gateway.streams;

import io.dsk.gateway.protocol.ProtocolException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that commits appends: callers queue an append and are answered later, and the thread
 * takes everything queued since its last commit, of any number of streams, and commits it in one
 * synced write. The callers never block, so an append costs no thread of its own while it waits
 * for the disk, and one WAL sync serves every append that arrived during the previous one.
 *
 * <p>Gathering: writers that append again as soon as they are answered (most clients: one append
 * in flight per connection) would otherwise settle into groups that take turns, each group's
 * appends arriving while the other group's sync runs, so that a sync serves a fraction of the
 * writers. After a commit, the committer expects as many appends as it answered plus those that
 * arrived while it synced; if fewer are queued when it takes the next batch, it waits for the rest,
 * at most half as long as its last commit took and never more than {@link #MAX_GATHER_NANOS}, so
 * that the groups merge into one sync. A lone writer, or appends that arrive one at a time, never
 * wait: each commit expects only what it saw.
 */
final class AppendCommitter implements AutoCloseable {

    /** Most appends taken into one commit, so that one write stays of bounded size. */
    static final int MAX_APPENDS_PER_COMMIT = 1024;
    /** Most body bytes taken into one commit (a single larger append still goes alone). */
    static final long MAX_BYTES_PER_COMMIT = 16L << 20;
    /**
     * Largest body cut into entries on the thread that submits it (an IO thread: a JSON body of
     * this size takes some 100 µs to check); larger ones are cut by the committer.
     */
    static final int FRAME_ON_SUBMIT_MAX_BYTES = 64 << 10;
    /** Longest wait for expected appends before a commit (see the class comment). */
    static final long MAX_GATHER_NANOS = 1_000_000;

    private static final Logger LOG = LoggerFactory.getLogger(AppendCommitter.class);

    private final StreamAppends appends;
    private final long maxGatherNanos;
    private final LongSupplier nanoClock;
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when an append arrives while the committer is idle or gathering. */
    private final Condition arrived = lock.newCondition();
    private final Thread thread;
    // Guarded by lock.
    private List<QueuedAppend> queue = new ArrayList<>();
    private boolean idle;
    /** While gathering: the queue size that ends the wait; 0 otherwise. */
    private int awaited;
    private boolean closed;
    // The committer thread's own.
    /** Appends the next commit expects: those the last one answered and those that arrived during it. */
    private int expected;
    /** How long the next commit may wait for them. */
    private long gatherNanos;

    AppendCommitter(StreamAppends appends) {
        this(appends, MAX_GATHER_NANOS, System::nanoTime);
    }

    /**
     * @param maxGatherNanos bound on the wait for expected appends; 0 never waits
     * @param nanoClock what times a commit, to bound the next wait by
     */
    AppendCommitter(StreamAppends appends, long maxGatherNanos, LongSupplier nanoClock) {
        this.appends = appends;
        this.maxGatherNanos = maxGatherNanos;
        this.nanoClock = nanoClock;
        this.thread = new Thread(this::run, "dsk-append-committer");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Queues an append; {@code answer} is called once it is committed or refused. A body of up to
     * {@value #FRAME_ON_SUBMIT_MAX_BYTES} bytes is cut into entries (a JSON one parsed and checked)
     * here, on the caller's thread, while the committer may be syncing the commit before, rather
     * than by the committer, which every stream's appends wait for.
     */
    void submit(AppendRequest request, Streams.AppendAnswer answer) {
        QueuedAppend queued = new QueuedAppend(request, answer);
        if (request.body().length <= FRAME_ON_SUBMIT_MAX_BYTES) {
            queued.frame(appends.framing());
        }
        lock.lock();
        try {
            if (!closed) {
                queue.add(queued);
                if (idle || awaited > 0 && queue.size() >= awaited) {
                    idle = false;
                    awaited = 0;
                    arrived.signal();
                }
                return;
            }
        } finally {
            lock.unlock();
        }
        queued.fail(shuttingDown());
        answer(queued);
    }

    /** Stops taking appends, fails those still queued, and waits for the commit in progress. */
    @Override
    public void close() {
        List<QueuedAppend> left;
        lock.lock();
        try {
            closed = true;
            left = queue;
            queue = new ArrayList<>();
            arrived.signal();
        } finally {
            lock.unlock();
        }
        for (QueuedAppend q : left) {
            q.fail(shuttingDown());
            answer(q);
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<QueuedAppend> taken;
        while ((taken = take()) != null) {
            long start = nanoClock.getAsLong();
            try {
                appends.commit(taken);
            } catch (RuntimeException | Error e) {
                LOG.error("appends failed unexpectedly", e);
                for (QueuedAppend q : taken) {
                    if (!q.done()) {
                        q.fail(e instanceof RuntimeException r ? r : new IllegalStateException(e));
                    }
                }
            }
            expect(taken.size(), nanoClock.getAsLong() - start);
            taken.forEach(AppendCommitter::answer);
        }
    }

    /** After a commit of {@code committed} appends that took {@code nanos}, before answering them. */
    private void expect(int committed, long nanos) {
        lock.lock();
        try {
            expected = committed + queue.size();
        } finally {
            lock.unlock();
        }
        gatherNanos = Math.min(nanos / 2, maxGatherNanos);
    }

    private static void answer(QueuedAppend q) {
        try {
            q.answer();
        } catch (RuntimeException e) {
            LOG.error("answering an append failed", e);
        }
    }

    /**
     * Waits for appends, and for the expected ones a little longer, and takes up to a commit's
     * worth, in arrival order; null once closed.
     */
    private List<QueuedAppend> take() {
        lock.lock();
        try {
            while (queue.isEmpty()) {
                if (closed) {
                    return null;
                }
                idle = true;
                try {
                    arrived.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
            idle = false;
            gather();
            if (queue.isEmpty()) {
                return null; // closed while gathering: close() failed what was queued
            }
            int n = 0;
            long bytes = 0;
            while (n < queue.size() && n < MAX_APPENDS_PER_COMMIT
                    && (n == 0 || bytes + queue.get(n).request().body().length <= MAX_BYTES_PER_COMMIT)) {
                bytes += queue.get(n).request().body().length;
                n++;
            }
            if (n == queue.size()) {
                List<QueuedAppend> all = queue;
                queue = new ArrayList<>();
                return all;
            }
            List<QueuedAppend> some = new ArrayList<>(queue.subList(0, n));
            queue.subList(0, n).clear();
            return some;
        } finally {
            lock.unlock();
        }
    }

    /** With the lock held and appends queued: waits until the expected ones are queued, or not long. */
    private void gather() {
        if (queue.size() >= expected || gatherNanos <= 0) {
            return;
        }
        awaited = expected;
        long left = gatherNanos;
        while (awaited > 0 && !closed && left > 0) {
            try {
                left = arrived.awaitNanos(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        awaited = 0;
    }

    private static ProtocolException shuttingDown() {
        return new ProtocolException(503, "the gateway is shutting down; nothing was written, retry the append");
    }
}
