package io.dsk.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EventuallyTest {

    private static final Eventually SHORT = Eventually.within(Duration.ofMillis(50)).polling(Duration.ofMillis(1));

    @Test
    void returnsTheFirstValueThatIsDoneAfterExceptionsAndValuesThatAreNot() throws Exception {
        AtomicInteger polls = new AtomicInteger();

        int value = Eventually.within(Duration.ofSeconds(10)).until("the third poll", () -> {
            if (polls.incrementAndGet() == 1) {
                throw new IOException("not listening yet");
            }
            return polls.get();
        }, n -> n >= 3);

        assertThat(value).isEqualTo(3);
    }

    @Test
    void failsNamingWhatWasAwaitedAndTheLastValueSeen() {
        assertThatThrownBy(() -> SHORT.until("the gauge at 2", () -> 1, n -> n == 2))
                .isInstanceOf(AssertionError.class)
                .hasMessage("not within 50 ms: the gauge at 2; last seen: 1");
    }

    @Test
    void failsWithTheLastExceptionAsItsCause() {
        IOException refused = new IOException("connection refused");

        assertThatThrownBy(() -> SHORT.until("the node answers", () -> {
            throw refused;
        })).isInstanceOf(AssertionError.class)
                .hasMessage("not within 50 ms: the node answers; last exception: " + refused)
                .hasCause(refused);
    }

    @Test
    void aFailureAlsoReportsItsContext() {
        assertThatThrownBy(() -> SHORT.reporting(() -> "output: ready").until("the flag", () -> false))
                .hasMessage("not within 50 ms: the flag; output: ready");
    }

    @Test
    void anAssertionFailingInsideTheConditionEndsTheWaitAtOnce() {
        AtomicInteger polls = new AtomicInteger();

        assertThatThrownBy(() -> Eventually.within(Duration.ofSeconds(10)).until("no violation", () -> {
            polls.incrementAndGet();
            assertThat("violation").isEmpty();
            return true;
        })).isInstanceOf(AssertionError.class).hasMessageContaining("violation");
        assertThat(polls).hasValue(1);
    }
}
