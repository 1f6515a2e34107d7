package io.dsk.gateway.streams;

/** An append waiting for its commit and, once committed or refused, its outcome. */
final class QueuedAppend {

    private final AppendRequest request;
    private final Streams.AppendAnswer answer;
    private AppendResult result;
    private RuntimeException failure;
    private boolean done;

    QueuedAppend(AppendRequest request, Streams.AppendAnswer answer) {
        this.request = request;
        this.answer = answer;
    }

    AppendRequest request() {
        return request;
    }

    /** True once a commit has decided this append. */
    boolean done() {
        return done;
    }

    void succeed(AppendResult outcome) {
        this.result = outcome;
        this.done = true;
    }

    void fail(RuntimeException cause) {
        this.result = null;
        this.failure = cause;
        this.done = true;
    }

    boolean succeeded() {
        return done && failure == null;
    }

    /** Hands the outcome to whoever queued the append. */
    void answer() {
        answer.accept(result, failure);
    }
}
