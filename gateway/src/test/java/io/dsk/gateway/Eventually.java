package io.dsk.gateway;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits in a test for what other threads or processes do: polls a condition every few milliseconds
 * until it holds, and fails with an {@link AssertionError} naming what was awaited and the last value
 * or exception seen once the timeout has passed.
 *
 * <p>An exception thrown by the condition counts as "not yet" (a node that restarts refuses
 * connections for a while) and is kept as the cause of the failure if it was the last thing seen; an
 * {@link Error}, such as an assertion that fails inside the condition, ends the wait at once.
 * Runs on the test's thread, which it puts to sleep between polls.
 */
public final class Eventually {

    private static final Duration DEFAULT_POLL = Duration.ofMillis(10);

    private final Duration timeout;
    private final Duration poll;
    private final Supplier<String> context;

    private Eventually(Duration timeout, Duration poll, Supplier<String> context) {
        this.timeout = timeout;
        this.poll = poll;
        this.context = context;
    }

    /** Waits at most {@code timeout}, polling every 10 ms. */
    public static Eventually within(Duration timeout) {
        return new Eventually(timeout, DEFAULT_POLL, () -> "");
    }

    /** The same wait, polling every {@code interval}: for conditions that are costly to check. */
    public Eventually polling(Duration interval) {
        return new Eventually(timeout, interval, context);
    }

    /** The same wait, whose failure also reports {@code context}, read then: a process's last output, say. */
    public Eventually reporting(Supplier<String> context) {
        return new Eventually(timeout, poll, () -> "; " + context.get());
    }

    /** Returns once {@code condition} holds; {@code what} says what that means, as in "the session opened". */
    public void until(String what, Condition condition) throws InterruptedException {
        await(what, condition::holds, Boolean::booleanValue, false);
    }

    /** Returns the first value of {@code probe} that is {@code done}; fails naming the last one seen. */
    public <T> T until(String what, Probe<T> probe, Predicate<? super T> done) throws InterruptedException {
        return await(what, probe, done, true);
    }

    private <T> T await(String what, Probe<T> probe, Predicate<? super T> done, boolean showValue)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T last = null;
            Exception failure = null;
            try {
                last = probe.get();
                if (done.test(last)) {
                    return last;
                }
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                failure = e;
            }
            if (System.nanoTime() - deadline > 0) {
                String seen = failure != null ? "; last exception: " + failure : showValue ? "; last seen: " + last : "";
                throw new AssertionError("not within " + format(timeout) + ": " + what + seen + context.get(), failure);
            }
            Thread.sleep(poll.toMillis());
        }
    }

    private static String format(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /** A condition that may throw while what it checks is not there yet. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    /** Reads a value that may throw while what it reads is not there yet. */
    @FunctionalInterface
    public interface Probe<T> {
        T get() throws Exception;
    }
}
