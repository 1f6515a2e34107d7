package io.dsk.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketsTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(1_000 * SECOND);

    @Test
    void allowsTheBurstThenRefusesWithTheWaitForTheNextToken() {
        TokenBuckets buckets = new TokenBuckets(2, 3, 100, now::get);

        assertThat(buckets.tryAcquire("a")).isZero();
        assertThat(buckets.tryAcquire("a")).isZero();
        assertThat(buckets.tryAcquire("a")).isZero();
        assertThat(buckets.tryAcquire("a")).isEqualTo(SECOND / 2);
        assertThat(buckets.tryAcquire("b")).as("other keys have their own bucket").isZero();
    }

    @Test
    void refillsAtTheRateUpToTheBurst() {
        TokenBuckets buckets = new TokenBuckets(1, 2, 100, now::get);
        buckets.tryAcquire("a");
        buckets.tryAcquire("a");
        assertThat(buckets.tryAcquire("a")).isPositive();

        now.addAndGet(SECOND);
        assertThat(buckets.tryAcquire("a")).isZero();
        assertThat(buckets.tryAcquire("a")).isPositive();

        now.addAndGet(60 * SECOND);
        assertThat(buckets.tryAcquire("a")).isZero();
        assertThat(buckets.tryAcquire("a")).isZero();
        assertThat(buckets.tryAcquire("a")).as("capped at the burst").isPositive();
    }

    @Test
    void refusedRequestsDoNotDrainTheBucketFurther() {
        TokenBuckets buckets = new TokenBuckets(1, 1, 100, now::get);
        buckets.tryAcquire("a");
        for (int i = 0; i < 10; i++) {
            buckets.tryAcquire("a");
        }

        now.addAndGet(SECOND);
        assertThat(buckets.tryAcquire("a")).isZero();
    }

    @Test
    void memoryStaysBoundedUnderManyKeys() {
        TokenBuckets buckets = new TokenBuckets(1, 1, 1_000, now::get);
        for (int i = 0; i < 50_000; i++) {
            buckets.tryAcquire("client-" + i);
        }

        assertThat(buckets.size()).isLessThanOrEqualTo(1_008);
    }

    @Test
    void idleBucketsAreDropped() {
        TokenBuckets buckets = new TokenBuckets(10, 10, 10_000, now::get);
        for (int i = 0; i < 500; i++) {
            buckets.tryAcquire("client-" + i);
        }
        int before = buckets.size();
        now.addAndGet(10 * SECOND);
        for (int i = 0; i < 200; i++) {
            buckets.tryAcquire("fresh-" + i);
        }

        assertThat(before).isEqualTo(500);
        assertThat(buckets.size()).isLessThan(500);
    }
}
