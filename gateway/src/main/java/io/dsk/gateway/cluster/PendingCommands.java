package io.dsk.gateway.cluster;

import io.dsk.gateway.protocol.ProtocolException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * The commands this node wrote and has not yet answered, by origin sequence. Each is answered
 * once: by the local apply with the outcome it decided, or with 503 when the log refused it or it
 * was not applied in time (its outcome then unknown to this node).
 */
final class PendingCommands {

    private final long incarnation;
    private final AtomicLong sequence = new AtomicLong();
    private final Map<Long, Entry> waiting = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;

    private record Entry(long startedNanos, BiConsumer<Object, RuntimeException> answer) {
    }

    /**
     * @param incarnation this process's number, fresh at each start, so that the commands of an
     *                    earlier run of the same node are never taken for this run's
     */
    PendingCommands(long incarnation, LongSupplier nanoClock) {
        this.incarnation = incarnation;
        this.nanoClock = nanoClock;
    }

    /** Registers a command about to be written; {@code answer} gets the result or the failure. */
    CommandCodec.Origin register(BiConsumer<Object, RuntimeException> answer) {
        long seq = sequence.incrementAndGet();
        waiting.put(seq, new Entry(nanoClock.getAsLong(), answer));
        return new CommandCodec.Origin(incarnation, seq);
    }

    /** True if the command came from this process. */
    private boolean ours(CommandCodec.Origin origin) {
        return origin.incarnation() == incarnation;
    }

    /** Answers the command of {@code origin} if it is this process's and still waiting. */
    void answer(CommandCodec.Origin origin, Object result, RuntimeException failure) {
        if (!ours(origin)) {
            return;
        }
        Entry e = waiting.remove(origin.sequence());
        if (e != null) {
            e.answer().accept(result, failure);
        }
    }

    /** Fails every command waiting longer than {@code timeoutNanos}; returns how many. */
    int expire(long timeoutNanos, ProtocolException failure) {
        long now = nanoClock.getAsLong();
        List<Long> late = new ArrayList<>();
        waiting.forEach((seq, e) -> {
            if (now - e.startedNanos() > timeoutNanos) {
                late.add(seq);
            }
        });
        int n = 0;
        for (Long seq : late) {
            Entry e = waiting.remove(seq);
            if (e != null) {
                e.answer().accept(null, failure);
                n++;
            }
        }
        return n;
    }

    /** Fails every waiting command. */
    void failAll(ProtocolException failure) {
        for (Long seq : List.copyOf(waiting.keySet())) {
            Entry e = waiting.remove(seq);
            if (e != null) {
                e.answer().accept(null, failure);
            }
        }
    }
}
