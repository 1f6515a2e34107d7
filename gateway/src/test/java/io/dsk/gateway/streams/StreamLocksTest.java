package io.dsk.gateway.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.dsk.gateway.Eventually;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class StreamLocksTest {

    private final StreamLocks locks = new StreamLocks();

    @Test
    void aSecondWriterOfTheSameStreamWaitsForTheFirst() throws Exception {
        AtomicBoolean secondEntered = new AtomicBoolean();
        CompletableFuture<Void> second;
        try (StreamLocks.Held first = locks.lock("s")) {
            second = CompletableFuture.runAsync(() -> {
                try (StreamLocks.Held held = locks.lock("s")) {
                    secondEntered.set(true);
                }
            });
            awaitQueuedWriter();
            assertThat(secondEntered).isFalse();
        }
        second.get(10, TimeUnit.SECONDS);
        assertThat(secondEntered).isTrue();
    }

    @Test
    void writersOfDifferentStreamsDoNotWaitForEachOther() throws Exception {
        CountDownLatch otherDone = new CountDownLatch(1);
        try (StreamLocks.Held first = locks.lock("a")) {
            CompletableFuture.runAsync(() -> {
                try (StreamLocks.Held held = locks.lock("b")) {
                    otherDone.countDown();
                }
            });
            assertThat(otherDone.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void locksExistOnlyWhileInUse() {
        try (StreamLocks.Held held = locks.lock(List.of("b", "a", "a"))) {
            assertThat(locks.pathsInUse()).isEqualTo(2);
        }
        assertThat(locks.pathsInUse()).isZero();
    }

    @Test
    void overlappingMultiPathLocksInOppositeOrderDoNotDeadlock() throws Exception {
        CompletableFuture<Void> one = CompletableFuture.runAsync(() -> repeat(List.of("x", "y")));
        CompletableFuture<Void> two = CompletableFuture.runAsync(() -> repeat(List.of("y", "x")));

        CompletableFuture.allOf(one, two).get(30, TimeUnit.SECONDS);
        assertThat(locks.pathsInUse()).isZero();
    }

    private void repeat(List<String> paths) {
        for (int i = 0; i < 2_000; i++) {
            try (StreamLocks.Held held = locks.lock(paths)) {
                assertThat(held).isNotNull();
            }
        }
    }

    private void awaitQueuedWriter() throws InterruptedException {
        Eventually.within(Duration.ofSeconds(10)).until("the second writer queued", () -> locks.waiting("s") > 0);
    }
}
