package io.dsk.gateway.cluster;

import io.dsk.gateway.streams.AppendRequest;
import io.dsk.gateway.streams.CreateRequest;
import io.dsk.gateway.subscriptions.SubscriptionLedger;
import java.util.List;

/**
 * One change of state, as written to the command log. Every node applies the same commands in the
 * same order; a command carries everything its apply needs except the store and the log's time.
 *
 * @see CommandCodec for the bytes
 */
sealed interface Command {

    /** PUT: create, fork or confirm. */
    record Create(CreateRequest request) implements Command {
    }

    /** POST: append and/or close. */
    record Append(AppendRequest request) implements Command {
    }

    /** DELETE. */
    record Delete(String path) implements Command {
    }

    /** A read reset the TTL window of the stream at {@code path} whose internal id is {@code streamId}. */
    record Touch(String path, long streamId) implements Command {
    }

    /** Time passed: remove the streams whose TTL or expiry has passed by the log's time. */
    record Sweep() implements Command {
    }

    /** Time passed: drop the history retention policies no longer keep at the log's time. */
    record Retain() implements Command {
    }

    /**
     * Subscription state: conditional writes, applied all together only if every record still holds
     * what the writer read (compared by SHA-256), and the subscriptions whose wake the leader then delivers.
     */
    record Records(List<SubscriptionLedger.Write> writes, List<String> deliver) implements Command {
    }

    /** The path whose stream the command changes, or null: it picks the command's log partition. */
    default String path() {
        if (this instanceof Create c) {
            return c.request().path();
        }
        if (this instanceof Append a) {
            return a.request().path();
        }
        if (this instanceof Delete d) {
            return d.path();
        }
        if (this instanceof Touch t) {
            return t.path();
        }
        return null;
    }
}
