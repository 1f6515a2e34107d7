package io.dsk.gateway.live;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs tasks one at a time, in submission order, on a shared executor: the steps of one live
 * connection never overlap, yet no thread belongs to the connection.
 */
public final class SerialExecutor implements Executor {

    private final Executor delegate;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    public SerialExecutor(Executor delegate) {
        this.delegate = delegate;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        schedule();
    }

    /**
     * Runs {@code task} on the calling thread when no task of this executor is running or queued
     * (saving a thread hand-off), otherwise queues it like {@link #execute}. Tasks queued while it
     * runs go to the shared executor afterwards, so the caller runs this one task only.
     */
    public void executeHere(Runnable task) {
        if (tasks.isEmpty() && scheduled.compareAndSet(false, true)) {
            try {
                task.run();
            } finally {
                scheduled.set(false);
                schedule();
            }
        } else {
            execute(task);
        }
    }

    private void schedule() {
        if (!tasks.isEmpty() && scheduled.compareAndSet(false, true)) {
            delegate.execute(this::drain);
        }
    }

    private void drain() {
        try {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                task.run();
            }
        } finally {
            scheduled.set(false);
            schedule();
        }
    }
}
