package io.dsk.gateway.auth;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Token buckets by key (a client address or a token subject) in bounded memory.
 *
 * <p>Each bucket holds up to {@code burst} tokens and refills at {@code ratePerSecond}; a request
 * takes one token. The map is split into shards, each an access-ordered LRU: a bucket that has
 * refilled completely is indistinguishable from a new one, so idle buckets are dropped as they are
 * met at the cold end, and when a shard is full its least recently used bucket is dropped.
 */
final class TokenBuckets {

    private static final int SHARDS = 16;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final double ratePerNano;
    private final double burst;
    private final long refillNanos;
    private final LongSupplier nanoTime;
    private final Shard[] shards = new Shard[SHARDS];

    /**
     * @param ratePerSecond refill rate, &gt; 0
     * @param burst bucket capacity, &gt;= 1
     * @param maxBuckets most buckets kept over all shards
     * @param nanoTime monotonic clock
     */
    TokenBuckets(double ratePerSecond, double burst, int maxBuckets, LongSupplier nanoTime) {
        if (!(ratePerSecond > 0) || !(burst >= 1) || maxBuckets < 1) {
            throw new IllegalArgumentException("rate must be > 0, burst >= 1 and maxBuckets >= 1");
        }
        this.ratePerNano = ratePerSecond / NANOS_PER_SECOND;
        this.burst = burst;
        this.refillNanos = (long) Math.ceil(burst / ratePerNano);
        this.nanoTime = nanoTime;
        int perShard = Math.max(1, (maxBuckets + SHARDS - 1) / SHARDS);
        for (int i = 0; i < SHARDS; i++) {
            shards[i] = new Shard(perShard);
        }
    }

    /**
     * Takes one token from the key's bucket.
     *
     * @param key the client address or subject; never a token
     * @return 0 when a token was taken, else how many nanoseconds until one is available
     */
    long tryAcquire(String key) {
        Shard shard = shards[Math.floorMod(key.hashCode() * 0x9E3779B9, SHARDS)];
        long now = nanoTime.getAsLong();
        synchronized (shard) {
            shard.dropIdle(now);
            Bucket bucket = shard.computeIfAbsent(key, k -> new Bucket(burst, now));
            return bucket.take(now);
        }
    }

    /** Buckets currently held, over all shards. */
    int size() {
        int size = 0;
        for (Shard shard : shards) {
            synchronized (shard) {
                size += shard.size();
            }
        }
        return size;
    }

    private final class Bucket {
        private double tokens;
        private long updatedNanos;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedNanos = now;
        }

        long take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / ratePerNano));
        }

        void refill(long now) {
            long elapsed = now - updatedNanos;
            if (elapsed > 0) {
                tokens = Math.min(burst, tokens + elapsed * ratePerNano);
                updatedNanos = now;
            }
        }

        boolean isFullAt(long now) {
            return now - updatedNanos >= refillNanos;
        }
    }

    private final class Shard extends LinkedHashMap<String, Bucket> {
        private static final long serialVersionUID = 1L;
        private static final int MAX_IDLE_DROPS_PER_CALL = 4;
        private final int capacity;

        Shard(int capacity) {
            super(16, 0.75f, true);
            this.capacity = capacity;
        }

        void dropIdle(long now) {
            Iterator<Bucket> coldest = values().iterator();
            for (int i = 0; i < MAX_IDLE_DROPS_PER_CALL && coldest.hasNext(); i++) {
                if (!coldest.next().isFullAt(now)) {
                    return;
                }
                coldest.remove();
            }
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > capacity;
        }
    }
}
