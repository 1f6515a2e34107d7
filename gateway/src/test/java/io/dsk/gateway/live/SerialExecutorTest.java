package io.dsk.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SerialExecutorTest {

    @Test
    void tasksRunInOrderAndNeverOverlap() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            SerialExecutor serial = new SerialExecutor(pool);
            List<Integer> order = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger running = new AtomicInteger();
            AtomicInteger maxRunning = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(500);
            for (int i = 0; i < 500; i++) {
                int n = i;
                serial.execute(() -> {
                    maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                    order.add(n);
                    running.decrementAndGet();
                    done.countDown();
                });
            }
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(maxRunning).hasValue(1);
            assertThat(order).isSorted().hasSize(500);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anIdleExecutorRunsATaskHereAndABusyOneQueuesItBehindTheRunningOne() {
        List<Runnable> handedOff = new ArrayList<>();
        SerialExecutor serial = new SerialExecutor(handedOff::add);
        List<String> ran = new ArrayList<>();

        serial.executeHere(() -> {
            ran.add("here");
            serial.executeHere(() -> ran.add("queued while busy"));
            ran.add("still here");
        });

        assertThat(ran).containsExactly("here", "still here");
        assertThat(handedOff).hasSize(1);
        handedOff.get(0).run();
        assertThat(ran).containsExactly("here", "still here", "queued while busy");
    }

    @Test
    void aTaskRunHereWaitsForTasksQueuedBeforeIt() {
        List<Runnable> handedOff = new ArrayList<>();
        SerialExecutor serial = new SerialExecutor(handedOff::add);
        List<String> ran = new ArrayList<>();

        serial.execute(() -> ran.add("first"));
        serial.executeHere(() -> ran.add("second"));

        assertThat(ran).isEmpty();
        handedOff.get(0).run();
        assertThat(ran).containsExactly("first", "second");
    }
}
