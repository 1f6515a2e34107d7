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
        waiters.register(1, change -> a.incrementAndGet());
        waiters.register(1, change -> b.incrementAndGet());

        waiters.streamChanged(1);
        waiters.streamChanged(1);

        assertThat(a).hasValue(1);
        assertThat(b).hasValue(1);
        assertThat(waiters.streamsWaitedOn()).isZero();
    }

    @Test
    void otherStreamsAreNotWoken() {
        List<Long> woken = new ArrayList<>();
        waiters.register(1, change -> woken.add(1L));
        waiters.register(2, change -> woken.add(2L));

        waiters.streamChanged(2);

        assertThat(woken).containsExactly(2L);
        assertThat(waiters.streamsWaitedOn()).isEqualTo(1);
    }

    @Test
    void anUnregisteredWaiterIsNotWokenAndLeavesNoEntry() {
        AtomicInteger a = new AtomicInteger();
        StreamWaiters.Waiter w = change -> a.incrementAndGet();
        waiters.register(1, w);

        waiters.unregister(1, w);
        waiters.streamChanged(1);

        assertThat(a).hasValue(0);
        assertThat(waiters.streamsWaitedOn()).isZero();
    }

    @Test
    void theWaitersOfOneChangeShareItAndTheNextChangeIsANewOne() {
        List<StreamChange> seen = new ArrayList<>();
        waiters.register(1, seen::add);
        waiters.register(1, seen::add);
        waiters.streamChanged(1);
        waiters.register(1, seen::add);
        waiters.streamChanged(1);

        assertThat(seen).hasSize(3);
        assertThat(seen.get(0)).isSameAs(seen.get(1));
        assertThat(seen.get(2)).isNotSameAs(seen.get(0));
    }
}
