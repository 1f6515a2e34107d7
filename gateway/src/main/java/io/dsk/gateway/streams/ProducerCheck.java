package io.dsk.gateway.streams;

import io.dsk.gateway.protocol.ProducerHeaders;
import io.dsk.gateway.store.ProducerState;

/**
 * The idempotent producer state machine of PROTOCOL.md 5.2.1: given what the stream remembers of a
 * producer and the headers of a request, decide what happens. Pure; the caller applies the verdict.
 */
public final class ProducerCheck {

    /** What the request amounts to. */
    public enum Verdict {
        /** New data in order: append and remember {@link Decision#next()}. */
        ACCEPT,
        /** Already accepted: answer 204 without writing. */
        DUPLICATE,
        /** An older epoch than the stream knows: 403 with the current epoch. */
        STALE_EPOCH,
        /** A newer epoch whose first request is not seq 0: 400. */
        NEW_EPOCH_NOT_AT_ZERO,
        /** A sequence gap: 409 with the expected and received sequence. */
        GAP
    }

    /**
     * @param verdict what to do
     * @param next the state to store when the verdict is ACCEPT; otherwise the current state
     * @param expectedSeq the sequence the stream expected (for GAP)
     */
    public record Decision(Verdict verdict, ProducerState next, long expectedSeq) {
    }

    private ProducerCheck() {
    }

    /**
     * @param current the stored state, or null for a producer the stream has not seen
     * @param request the request's producer headers
     */
    public static Decision decide(ProducerState current, ProducerHeaders request) {
        long epoch = request.epoch();
        long seq = request.seq();
        if (current == null || epoch > current.epoch()) {
            if (seq != 0) {
                return current == null
                        ? new Decision(Verdict.GAP, null, 0)
                        : new Decision(Verdict.NEW_EPOCH_NOT_AT_ZERO, current, 0);
            }
            return new Decision(Verdict.ACCEPT, new ProducerState(epoch, 0), 0);
        }
        if (epoch < current.epoch()) {
            return new Decision(Verdict.STALE_EPOCH, current, current.lastSeq() + 1);
        }
        if (seq <= current.lastSeq()) {
            return new Decision(Verdict.DUPLICATE, current, current.lastSeq() + 1);
        }
        if (seq == current.lastSeq() + 1) {
            return new Decision(Verdict.ACCEPT, new ProducerState(epoch, seq), seq);
        }
        return new Decision(Verdict.GAP, current, current.lastSeq() + 1);
    }
}
