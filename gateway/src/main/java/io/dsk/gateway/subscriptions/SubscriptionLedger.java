package io.dsk.gateway.subscriptions;

import java.util.List;

/**
 * The replicated home of subscription state in a cluster (the command log of
 * {@code io.dsk.gateway.cluster}), and which node acts on it. A single node keeps its subscriptions
 * in its own store and needs none.
 *
 * <p>Every node computes a change from the state it has applied, then commits it as a conditional
 * write: it takes effect only if each record it changes still holds the bytes the node read, checked
 * where the log is applied, so every node decides alike. A write that lost a race is refused and
 * computed again from the newer state. Every node applies every committed write to its own store and
 * is told of it ({@link Applied}); exactly one node, the leader, delivers wakes, runs lease and retry
 * timers and turns stream changes into wakes.
 */
public interface SubscriptionLedger {

    /** What a record holds. */
    enum Kind { SUBSCRIPTION, SIGNING_KEY, TOKEN_SECRET }

    /**
     * One record write.
     *
     * @param kind what the record holds
     * @param key subscription id or key id ("" for the token secret)
     * @param expected the bytes the writer read, or null if the record was absent
     * @param value the new bytes, or null to delete the record
     */
    record Write(Kind kind, String key, byte[] expected, byte[] value) {
    }

    /** Told of every committed write on every node, after the store holds it, on the apply thread. */
    interface Applied {
        /**
         * @param writes the records written, all of them (a commit is all or nothing)
         * @param deliver subscriptions whose current wake the leader must now deliver
         */
        void applied(List<Write> writes, List<String> deliver);
    }

    /**
     * Sets who is told of committed writes and of this node gaining or losing the lead. Call once,
     * before the log is applied.
     */
    void bind(Applied applied, Runnable leadershipChanged);

    /**
     * Commits the writes if every record still holds what the writer read. Returns once this node has
     * applied the outcome.
     *
     * @return true if they were written, false if a record had changed (apply nothing, read again)
     * @throws io.dsk.gateway.protocol.ProtocolException 503 if the log did not take the write in time
     */
    boolean commit(List<Write> writes, List<String> deliver);

    /** Waits until this node has applied every change acknowledged before the call. */
    void catchUp();

    /** True while this node is the one that delivers wakes and runs the timers. */
    boolean leader();
}
