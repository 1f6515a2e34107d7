package io.dsk.gateway.cluster;

import io.dsk.gateway.store.StreamStore;
import io.dsk.gateway.subscriptions.SubscriptionLedger;
import java.util.List;

/**
 * Subscription state through the command log: conditional writes are {@link Command.Records}
 * commands in partition 0, so all of them fall in one total order; their apply checks each record
 * against the store and writes all or none. The leader is chosen by a {@link Leadership}.
 */
final class ReplicatedSubscriptions implements SubscriptionLedger {

    /** Every subscription command goes to one partition, so all of them are applied in one order. */
    static final int PARTITION = 0;

    private final Leadership leadership;
    private volatile ReplicatedChanges changes;
    private volatile Applied applied = (writes, deliver) -> { };

    ReplicatedSubscriptions(Leadership leadership) {
        this.leadership = leadership;
    }

    /** Connects the log, once this node's changes exist. */
    void connect(ReplicatedChanges replicated) {
        this.changes = replicated;
    }

    @Override
    public void bind(Applied listener, Runnable leadershipChanged) {
        this.applied = listener;
        leadership.onChange(leadershipChanged);
    }

    @Override
    public boolean commit(List<Write> writes, List<String> deliver) {
        return (Boolean) connected().await(new Command.Records(writes, deliver), PARTITION);
    }

    @Override
    public void catchUp() {
        connected().catchUp();
    }

    @Override
    public boolean leader() {
        return leadership.leader();
    }

    /** Applies a command on the apply thread: all its writes if each record holds what was expected, else none. */
    Boolean apply(Command.Records command, StreamStore store) {
        for (Write w : command.writes()) {
            if (!CommandCodec.holds(w, current(store, w))) {
                return Boolean.FALSE;
            }
        }
        StreamStore.Mutation mutation = store.mutation();
        for (Write w : command.writes()) {
            switch (w.kind()) {
                case SUBSCRIPTION -> mutation.putSubscription(w.key(), w.value());
                case SIGNING_KEY -> {
                    if (w.value() == null) {
                        mutation.deleteSigningKey(w.key());
                    } else {
                        mutation.putSigningKey(w.key(), w.value());
                    }
                }
                case TOKEN_SECRET -> mutation.putTokenSecret(w.value());
            }
        }
        store.commit(mutation, false);
        applied.applied(command.writes(), command.deliver());
        return Boolean.TRUE;
    }

    private static byte[] current(StreamStore store, Write w) {
        return switch (w.kind()) {
            case SUBSCRIPTION -> store.subscription(w.key()).orElse(null);
            case SIGNING_KEY -> store.signingKey(w.key()).orElse(null);
            case TOKEN_SECRET -> store.tokenSecret().orElse(null);
        };
    }

    private ReplicatedChanges connected() {
        ReplicatedChanges c = changes;
        if (c == null) {
            throw new IllegalStateException("the cluster node's streams are not open yet");
        }
        return c;
    }
}
