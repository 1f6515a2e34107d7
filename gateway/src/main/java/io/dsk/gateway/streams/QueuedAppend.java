package io.dsk.gateway.streams;

import io.dsk.gateway.protocol.ContentTypes;
import java.util.List;

/**
 * An append waiting for its commit and, once committed or refused, its outcome; and, when it was
 * cut into entries ahead of the commit ({@link #frame}, on the thread that queued it), its entries.
 */
final class QueuedAppend {

    private final AppendRequest request;
    private final Streams.AppendAnswer answer;
    /** Set by {@link #frame}: whether the body was framed as JSON, and its entries or why it has none. */
    private boolean framed;
    private boolean framedAsJson;
    private List<byte[]> entries;
    private RuntimeException framingFailure;
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

    /**
     * Cuts the body into entries as the request's {@code Content-Type} says, before the commit, so
     * that the committer (one thread for every stream) does not parse it. A body that is not valid
     * keeps its refusal for {@link #entries}, which raises it where the checks' precedence puts it
     * (after the stream's state, content type, producer and {@code Stream-Seq}).
     */
    void frame(EntryFraming framing) {
        framedAsJson = ContentTypes.isJson(request.contentType());
        try {
            entries = framing.forAppend(request.contentType(), request.body());
        } catch (RuntimeException e) {
            framingFailure = e;
        }
        framed = true;
    }

    /**
     * The body's entries in a stream of {@code streamContentType}: those {@link #frame} cut, when it
     * framed them the same way (the content type checks make that so), or cut now.
     */
    List<byte[]> entries(EntryFraming framing, String streamContentType) {
        if (!framed || framedAsJson != ContentTypes.isJson(streamContentType)) {
            return framing.forAppend(streamContentType, request.body());
        }
        if (framingFailure != null) {
            throw framingFailure;
        }
        return entries;
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
