package io.dsk.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StreamWaitersTest {

    private final StreamWaiters waiters = new StreamWaiters();

    @Test
    void oneChangeWakesEveryWaiterOfThatStreamExactlyOnce() {
        AtomicInteger a = new AtomicInteger();
        AtomicInteger b = new AtomicInteger();
        waiters.register(1, a::incrementAndGet);
        waiters.register(1, b::incrementAndGet);

        waiters.streamChanged(1);
        waiters.streamChanged(1);

        assertThat(a).hasValue(1);
        assertThat(b).hasValue(1);
        assertThat(waiters.streamsWaitedOn()).isZero();
    }

    @Test
    void otherStreamsAreNotWoken() {
        List<Long> woken = new ArrayList<>();
        waiters.register(1, () -> woken.add(1L));
        waiters.register(2, () -> woken.add(2L));

        waiters.streamChanged(2);

        assertThat(woken).containsExactly(2L);
        assertThat(waiters.streamsWaitedOn()).isEqualTo(1);
    }

    @Test
    void anUnregisteredWaiterIsNotWokenAndLeavesNoEntry() {
        AtomicInteger a = new AtomicInteger();
        StreamWaiters.Waiter w = a::incrementAndGet;
        waiters.register(1, w);

        waiters.unregister(1, w);
        waiters.streamChanged(1);

        assertThat(a).hasValue(0);
        assertThat(waiters.streamsWaitedOn()).isZero();
    }
}
