package io.dsk.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
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

    @Test
    void aReaderThatRegistersAgainAfterTheChangeThatWokeItLearnsThatNothingWasMissed() {
        List<StreamChange> seen = new ArrayList<>();
        StreamWaiters.Waiter w = seen::add;
        waiters.register(1, w);
        waiters.streamChanged(1);

        assertThat(waiters.register(1, w, seen.get(0))).isTrue();
    }

    @Test
    void aChangeBetweenTheWakeUpAndTheNextRegistrationIsReported() {
        List<StreamChange> seenByA = new ArrayList<>();
        List<StreamChange> seenByB = new ArrayList<>();
        StreamWaiters.Waiter a = seenByA::add;
        StreamWaiters.Waiter b = seenByB::add;
        waiters.register(1, a);
        waiters.register(1, b);
        waiters.streamChanged(1);
        waiters.register(1, b, seenByB.get(0));
        waiters.streamChanged(1);

        assertThat(waiters.register(1, a, seenByA.get(0))).isFalse();
        assertThat(seenByB).hasSize(2);
    }

    @Test
    void aChangeWhileNobodyWaitedForgetsTheStreamSoALateReaderChecksTheStore() {
        List<StreamChange> seen = new ArrayList<>();
        StreamWaiters.Waiter w = seen::add;
        waiters.register(1, w);
        waiters.streamChanged(1);
        waiters.streamChanged(1);

        assertThat(waiters.register(1, w, seen.get(0))).isFalse();
    }

    @Test
    void aReaderWithoutAChangeOrWithItsOwnCheckIsToldToCheckTheStore() {
        assertThat(waiters.register(1, change -> { }, null)).isFalse();
        assertThat(waiters.register(1, change -> { }, StreamChange.unshared())).isFalse();
    }

    @Test
    void aChangeOfAnotherStreamDoesNotCount() {
        List<StreamChange> seen = new ArrayList<>();
        StreamWaiters.Waiter w = seen::add;
        waiters.register(1, w);
        waiters.register(2, change -> { });
        waiters.streamChanged(1);
        waiters.streamChanged(2);

        assertThat(waiters.register(1, w, seen.get(0))).isTrue();
    }

    @Test
    void aChangeBetweenTheSnapshotBeforeAReadAndTheRegistrationIsReported() {
        StreamWaiters.Waiter other = change -> { };
        waiters.register(1, other);
        long before = waiters.changesSoFar();
        waiters.streamChanged(1);
        List<StreamChange> woken = new ArrayList<>();

        assertThat(waiters.register(1, woken::add, before)).isFalse();
        waiters.streamChanged(1);
        assertThat(woken).as("still woken by the next change").hasSize(1);
    }

    @Test
    void noChangeSinceTheSnapshotBeforeAReadIsReportedAsUnchanged() {
        waiters.register(1, change -> { });
        waiters.streamChanged(1);
        long before = waiters.changesSoFar();
        waiters.register(2, change -> { });
        waiters.streamChanged(2);
        List<StreamChange> woken = new ArrayList<>();

        assertThat(waiters.register(1, woken::add, before)).as("a change of another stream does not count").isTrue();
        waiters.streamChanged(1);
        assertThat(woken).hasSize(1);
    }

    @Test
    void aStreamNobodyWatchedBeforeTheSnapshotIsReportedAsPossiblyChanged() {
        long before = waiters.changesSoFar();

        assertThat(waiters.register(1, change -> { }, before)).isFalse();
    }

    @Test
    void aChangeThatRemovedTheWatchAfterTheSnapshotIsReported() {
        StreamWaiters.Waiter leaving = change -> { };
        waiters.register(1, leaving);
        long before = waiters.changesSoFar();
        waiters.unregister(1, leaving);
        waiters.register(1, leaving);
        waiters.unregister(1, leaving);
        waiters.streamChanged(1);

        assertThat(waiters.register(1, change -> { }, before)).isFalse();
    }

    @Test
    void aChangeWhileNobodyWaitedAfterTheSnapshotIsReported() {
        StreamWaiters.Waiter w = change -> { };
        waiters.register(1, w);
        waiters.streamChanged(1);
        long before = waiters.changesSoFar();
        waiters.streamChanged(1); // the watch is empty: forgotten

        assertThat(waiters.register(1, w, before)).isFalse();
    }

    @Test
    void theWaitersOfAChangeAreWokenByOneTaskOnTheWakeUpExecutorNotOnTheChangingThread() {
        List<Runnable> wakeups = new ArrayList<>();
        StreamWaiters queued = new StreamWaiters(wakeups::add);
        AtomicInteger woken = new AtomicInteger();
        for (int i = 0; i < 5; i++) {
            queued.register(1, change -> woken.incrementAndGet());
        }

        queued.streamChanged(1);
        queued.streamChanged(2);

        assertThat(woken).hasValue(0);
        assertThat(wakeups).hasSize(1);
        wakeups.get(0).run();
        assertThat(woken).hasValue(5);
    }

    @Test
    void whatWaitersHandOffIsSentOncePerExecutorAfterTheLastOneWasWoken() {
        List<Runnable> ioThread = new ArrayList<>();
        Executor toIoThread = ioThread::add;
        List<String> answered = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int n = i;
            waiters.register(1, change -> change.handOff(toIoThread, () -> answered.add("answer " + n)));
        }

        waiters.streamChanged(1);

        assertThat(ioThread).hasSize(1);
        ioThread.get(0).run();
        assertThat(answered).containsExactlyInAnyOrder("answer 0", "answer 1", "answer 2");
    }

    @Test
    void aStreamWhoseWokenReadersAllLeftIsForgottenByTheSecondSweepAfterIt() {
        waiters.register(1, change -> { });
        waiters.streamChanged(1);
        assertThat(waiters.streamsHeld()).as("kept for readers that register again").isEqualTo(1);

        waiters.forgetIdle();
        assertThat(waiters.streamsHeld()).isEqualTo(1);
        waiters.forgetIdle();
        assertThat(waiters.streamsHeld()).isZero();
    }

    @Test
    void aSweepKeepsStreamsWithWaitersAndOnesRegisteredSinceTheSweepBefore() {
        List<StreamChange> seen = new ArrayList<>();
        StreamWaiters.Waiter w = seen::add;
        waiters.register(1, w);
        waiters.register(2, change -> { });
        waiters.streamChanged(1);
        waiters.forgetIdle();
        waiters.register(1, w, seen.get(0));
        waiters.streamChanged(1);
        waiters.forgetIdle();

        assertThat(waiters.streamsHeld()).as("1 was read again between the sweeps; 2 has a waiter").isEqualTo(2);
        assertThat(waiters.register(1, w, seen.get(1))).isTrue();
    }

    @Test
    void aReaderOfAForgottenStreamIsToldToCheckTheStore() {
        List<StreamChange> seen = new ArrayList<>();
        StreamWaiters.Waiter w = seen::add;
        waiters.register(1, w);
        long before = waiters.changesSoFar();
        waiters.streamChanged(1);
        waiters.forgetIdle();
        waiters.forgetIdle();

        assertThat(waiters.register(1, w, seen.get(0))).isFalse();
        assertThat(waiters.register(1, w, before)).isFalse();
    }
}
