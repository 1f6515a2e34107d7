package io.dsk.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StreamChangeTest {

    private final AtomicInteger reads = new AtomicInteger();

    private String read(long position) {
        return "read " + reads.incrementAndGet() + " at " + position;
    }

    @Test
    void readersOfOneChangeAtOnePositionShareOneRead() {
        StreamChange change = StreamChange.shared();

        String first = change.readOnce(5, this::read);
        String second = change.readOnce(5, this::read);
        String elsewhere = change.readOnce(7, this::read);

        assertThat(second).isSameAs(first).isEqualTo("read 1 at 5");
        assertThat(elsewhere).isEqualTo("read 2 at 7");
        assertThat(reads).hasValue(2);
    }

    @Test
    void aReaderArrivingDuringTheReadWaitsForItInsteadOfReadingAgain() throws Exception {
        StreamChange change = StreamChange.shared();
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> change.readOnce(0, at -> {
            reading.countDown();
            await(release);
            return read(at);
        }));
        assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> change.readOnce(0, this::read));

        release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("read 1 at 0");
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("read 1 at 0");
        assertThat(reads).hasValue(1);
    }

    @Test
    void aFailedReadFailsEveryReaderOfThatPosition() {
        StreamChange change = StreamChange.shared();
        List<Integer> attempts = new ArrayList<>();

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> change.readOnce(3, at -> {
                attempts.add(1);
                throw new IllegalStateException("store closed");
            })).isInstanceOf(IllegalStateException.class).hasMessage("store closed");
        }
        assertThat(attempts).hasSize(1);
    }

    @Test
    void anUnsharedChangeReadsEveryTime() {
        StreamChange change = StreamChange.unshared();

        change.readOnce(5, this::read);
        change.readOnce(5, this::read);

        assertThat(reads).hasValue(2);
    }

    @Test
    void workHandedOffDuringTheWakeUpsGoesOutAsOneTaskPerExecutorAfterwards() {
        StreamChange change = StreamChange.shared();
        List<Runnable> first = new ArrayList<>();
        List<Runnable> second = new ArrayList<>();
        Executor toFirst = first::add;
        Executor toSecond = second::add;
        List<String> ran = new ArrayList<>();

        change.handOff(toFirst, () -> ran.add("a"));
        change.handOff(toSecond, () -> ran.add("b"));
        change.handOff(toFirst, () -> ran.add("c"));
        assertThat(first).isEmpty();

        change.dispatch();
        assertThat(first).hasSize(1);
        assertThat(second).hasSize(1);
        first.get(0).run();
        second.get(0).run();
        assertThat(ran).containsExactly("a", "c", "b");
    }

    @Test
    void workHandedOffOutsideTheWakeUpsGoesOutAtOnce() {
        List<Runnable> executor = new ArrayList<>();
        StreamChange shared = StreamChange.shared();
        shared.dispatch();

        shared.handOff(executor::add, () -> { });
        StreamChange.unshared().handOff(executor::add, () -> { });

        assertThat(executor).hasSize(2);
    }

    @Test
    void workAnExecutorRefusesRunsOnTheCallingThread() {
        StreamChange change = StreamChange.shared();
        List<String> ran = new ArrayList<>();
        change.handOff(task -> {
            throw new java.util.concurrent.RejectedExecutionException("shut down");
        }, () -> ran.add("ran"));

        change.dispatch();

        assertThat(ran).containsExactly("ran");
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
