package io.dsk.gateway.streams;

import io.dsk.gateway.protocol.ProtocolException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that commits appends: callers queue an append and are answered later, and the thread
 * takes everything queued since its last commit, of any number of streams, and commits it in one
 * synced write. The callers never block, so an append costs no thread of its own while it waits
 * for the disk, and one WAL sync serves every append that arrived during the previous one.
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

    private static final Logger LOG = LoggerFactory.getLogger(AppendCommitter.class);

    private final StreamAppends appends;
    private final Object lock = new Object();
    private final Thread thread;
    private List<QueuedAppend> queue = new ArrayList<>();
    private boolean idle;
    private boolean closed;

    AppendCommitter(StreamAppends appends) {
        this.appends = appends;
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

    /** Stops taking appends, fails those still queued, and waits for the commit in progress. */
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
    }

    private void run() {
        List<QueuedAppend> taken;
        while ((taken = take()) != null) {
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
            taken.forEach(AppendCommitter::answer);
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
    }

    private static ProtocolException shuttingDown() {
        return new ProtocolException(503, "the gateway is shutting down; nothing was written, retry the append");
    }
}
