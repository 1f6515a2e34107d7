package io.dsk.gateway.streams;

import io.dsk.gateway.protocol.ProtocolException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that commits appends: callers queue an append and are answered later, and the thread
 * takes everything queued since its last commit, of any number of streams, and commits it in one
 * synced write. The callers never block, so an append costs no thread of its own while it waits
 * for the disk, and one WAL sync serves every append that arrived during the previous one.
 *
 * <p>The synced write itself runs on a second thread ({@code dsk-append-sync}), so that while it
 * syncs the committer checks the appends queued meanwhile and prepares their write, if they append
 * to other streams than the batch syncing (an append to one of its streams waits for its sync, then
 * is checked on the state it left) and their locks are free. The prepared batch is written only
 * after the one before it succeeded, and answered after its own sync; if the one before fails, it
 * fails too, written to no stream and acknowledged to no one. The committer thread takes and
 * releases every lock.
 */
final class AppendCommitter implements AutoCloseable {

    /** Most appends taken into one commit, so that one write stays of bounded size. */
    static final int MAX_APPENDS_PER_COMMIT = 1024;
    /** Most body bytes taken into one commit (a single larger append still goes alone). */
    static final long MAX_BYTES_PER_COMMIT = 16L << 20;

    private static final Logger LOG = LoggerFactory.getLogger(AppendCommitter.class);

    private final StreamAppends appends;
    private final Object lock = new Object();
    private final Thread thread;
    private final ExecutorService syncer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "dsk-append-sync");
        t.setDaemon(true);
        return t;
    });
    private List<QueuedAppend> queue = new ArrayList<>();
    private boolean idle;
    private boolean closed;
    /** Whether the write started last has ended, and how; guarded by {@link #lock}. */
    private boolean writeEnded;
    private RuntimeException writeFailure;

    AppendCommitter(StreamAppends appends) {
        this.appends = appends;
        this.thread = new Thread(this::run, "dsk-append-committer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues an append; {@code answer} is called once it is committed or refused. */
    void submit(AppendRequest request, Streams.AppendAnswer answer) {
        QueuedAppend queued = new QueuedAppend(request, answer);
        synchronized (lock) {
            if (!closed) {
                queue.add(queued);
                if (idle) {
                    idle = false;
                    lock.notify();
                }
                return;
            }
        }
        queued.fail(shuttingDown());
        answer(queued);
    }

    /** Stops taking appends, fails those still queued, and waits for the commits in progress. */
    @Override
    public void close() {
        List<QueuedAppend> left;
        synchronized (lock) {
            closed = true;
            left = queue;
            queue = new ArrayList<>();
            lock.notify();
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
        syncer.shutdown();
    }

    private void run() {
        StreamAppends.Prepared writing = null;
        StreamAppends.Prepared next = null;
        List<QueuedAppend> taken = null;
        while (true) {
            if (writing == null) {
                if (next == null) {
                    taken = taken != null ? taken : take();
                    if (taken == null) {
                        return;
                    }
                    next = prepare(taken, false);
                    taken = null;
                }
                if (next != null) {
                    writing = startWrite(next);
                    next = null;
                }
                continue;
            }
            boolean wantMore = next == null && taken == null;
            boolean ended;
            RuntimeException failure;
            synchronized (lock) {
                while (!writeEnded && !(wantMore && !queue.isEmpty())) {
                    idle = wantMore;
                    waitForChange();
                }
                idle = false;
                ended = writeEnded;
                if (!ended) {
                    taken = takeSome();
                }
                failure = writeFailure;
            }
            if (!ended) {
                if (!writing.sharesStreamWith(taken)) {
                    next = prepare(taken, true);
                    if (next != null || taken.stream().allMatch(QueuedAppend::done)) {
                        taken = null;
                    }
                }
                continue;
            }
            finish(writing, failure);
            List<QueuedAppend> answered = writing.queued();
            writing = null;
            if (next != null && failure == null) {
                writing = startWrite(next);
                next = null;
            }
            answered.forEach(AppendCommitter::answer);
            if (next != null) {
                // Checked on the state the failed write would have left: written to no stream.
                finish(next, failure);
                next.queued().forEach(AppendCommitter::answer);
                next = null;
            }
        }
    }

    private void finish(StreamAppends.Prepared prepared, RuntimeException failure) {
        try {
            appends.finish(prepared, failure);
        } catch (RuntimeException | Error e) {
            LOG.error("ending a commit of appends failed", e);
        }
    }

    /**
     * Checks appends and prepares their write; only if their locks are free right now when
     * {@code onlyIfFree} (another batch's locks are held).
     *
     * @return the prepared batch, or null if the locks were taken or the checks failed unexpectedly
     *         (each append then failed and answered)
     */
    private StreamAppends.Prepared prepare(List<QueuedAppend> taken, boolean onlyIfFree) {
        try {
            return onlyIfFree ? appends.tryPrepare(taken) : appends.prepare(taken);
        } catch (RuntimeException | Error e) {
            LOG.error("appends failed unexpectedly", e);
            for (QueuedAppend q : taken) {
                q.fail(e instanceof RuntimeException r ? r : new IllegalStateException(e));
                answer(q);
            }
            return null;
        }
    }

    /** Starts the synced write of a prepared batch on the sync thread. */
    private StreamAppends.Prepared startWrite(StreamAppends.Prepared prepared) {
        synchronized (lock) {
            writeEnded = false;
            writeFailure = null;
        }
        syncer.execute(() -> {
            RuntimeException failure = null;
            try {
                appends.write(prepared);
            } catch (RuntimeException | Error e) {
                LOG.error("a synced write of appends failed", e);
                failure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
            }
            synchronized (lock) {
                writeEnded = true;
                writeFailure = failure;
                lock.notify();
            }
        });
        return prepared;
    }

    /** Waits on the lock for an append, the end of the write, or close; under the lock. */
    private void waitForChange() {
        try {
            lock.wait();
        } catch (InterruptedException e) {
            // Only close() ends this thread, once the write in progress has ended and been answered.
            LOG.warn("the append committer ignores an interrupt while a write is in progress");
        }
    }

    private static void answer(QueuedAppend q) {
        try {
            q.answer();
        } catch (RuntimeException e) {
            LOG.error("answering an append failed", e);
        }
    }

    /** Waits for appends and takes up to a commit's worth, in arrival order; null once closed. */
    private List<QueuedAppend> take() {
        synchronized (lock) {
            while (queue.isEmpty()) {
                if (closed) {
                    return null;
                }
                idle = true;
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
            idle = false;
            return takeSome();
        }
    }

    /** Takes up to a commit's worth of the queue, which is not empty, in arrival order; under the lock. */
    private List<QueuedAppend> takeSome() {
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
    }

    private static ProtocolException shuttingDown() {
        return new ProtocolException(503, "the gateway is shutting down; nothing was written, retry the append");
    }
}
