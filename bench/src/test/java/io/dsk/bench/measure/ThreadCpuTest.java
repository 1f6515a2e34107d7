package io.dsk.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {

    @Test
    void aBusyThreadStartedInTheWindowCountsForItsGroupAndUngroupedThreadsAreLeftOut() throws Exception {
        ThreadCpu.Window window = ThreadCpu.start(name -> name.startsWith("spin-") ? "spinners"
                : name.startsWith("nap-") ? "nappers" : null);
        CountDownLatch spun = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread spin = new Thread(() -> {
            spinFor50Millis();
            spun.countDown();
            await(done);
        }, "spin-0");
        Thread nap = new Thread(() -> await(done), "nap-0");
        spin.start();
        nap.start();
        spun.await();
        Map<String, Double> cores = window.coresByGroup();
        done.countDown();
        spin.join();
        nap.join();

        assertThat(cores).containsOnlyKeys("spinners", "nappers");
        assertThat(cores.get("spinners")).isPositive().isGreaterThan(cores.get("nappers"));
    }

    @Test
    void threadsThatEndedBeforeTheWindowIsReadAreLost() throws Exception {
        ThreadCpu.Window window = ThreadCpu.start(name -> name.startsWith("spin-") ? "spinners" : null);
        Thread spin = new Thread(ThreadCpuTest::spinFor50Millis, "spin-1");
        spin.start();
        spin.join();

        assertThat(window.coresByGroup()).doesNotContainKey("spinners");
    }

    @Test
    void aWindowCanBeReadMoreThanOnce() {
        ThreadCpu.Window window = ThreadCpu.start(name -> name.equals(Thread.currentThread().getName()) ? "me" : null);
        spinFor50Millis();
        double first = window.coresByGroup().get("me");
        spinFor50Millis();

        assertThat(first).isPositive();
        assertThat(window.coresByGroup().get("me")).isPositive();
    }

    private static void spinFor50Millis() {
        long deadline = System.nanoTime() + 50_000_000L;
        double sink = 0;
        while (System.nanoTime() < deadline) {
            sink += Math.sqrt(sink + 1);
        }
        if (sink < 0) {
            throw new AssertionError();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
