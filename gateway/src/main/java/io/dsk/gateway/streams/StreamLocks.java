package io.dsk.gateway.streams;

import java.util.Arrays;
import java.util.Collection;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises writers of the same stream path: a fixed array of lock stripes chosen by path hash,
 * so memory does not grow with the number of streams and writers of different streams rarely
 * contend. Operations that touch several streams (fork create, delete with cascade) lock every
 * stripe involved in index order, which rules out deadlock.
 */
public final class StreamLocks {

    private final ReentrantLock[] stripes;

    public StreamLocks(int stripeCount) {
        this.stripes = new ReentrantLock[stripeCount];
        for (int i = 0; i < stripeCount; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /** Locks the stripes of every path; close the result to unlock. */
    public Held lock(Collection<String> paths) {
        int[] indexes = paths.stream().mapToInt(this::stripe).distinct().sorted().toArray();
        for (int index : indexes) {
            stripes[index].lock();
        }
        return new Held(indexes);
    }

    /** Locks the stripe of one path; close the result to unlock. */
    public Held lock(String path) {
        int index = stripe(path);
        stripes[index].lock();
        return new Held(new int[] {index});
    }

    private int stripe(String path) {
        return Math.floorMod(path.hashCode() * 0x9E3779B9, stripes.length);
    }

    /** Locks held until {@link #close()}. */
    public final class Held implements AutoCloseable {
        private final int[] indexes;

        private Held(int[] indexes) {
            this.indexes = indexes;
        }

        @Override
        public void close() {
            for (int i = indexes.length - 1; i >= 0; i--) {
                stripes[indexes[i]].unlock();
            }
        }

        @Override
        public String toString() {
            return "Held" + Arrays.toString(indexes);
        }
    }
}
