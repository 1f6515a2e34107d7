package io.dsk.gateway.subscriptions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A subscription request the gateway refuses: a status, a machine-readable code and a short reason,
 * sent as {@code {"error": {"code": ..., "message": ...}}} with any extra fields the protocol names
 * ({@code current_holder} and {@code generation} of {@code ALREADY_CLAIMED}).
 */
public final class SubscriptionException extends RuntimeException {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int status;
    private final String code;
    private final ObjectNode extra = JSON.createObjectNode();

    public SubscriptionException(int status, String code, String reason) {
        super(reason, null, false, false);
        this.status = status;
        this.code = code;
    }

    static SubscriptionException badRequest(String reason) {
        return new SubscriptionException(400, "BAD_REQUEST", reason);
    }

    static SubscriptionException notFound(String reason) {
        return new SubscriptionException(404, "NOT_FOUND", reason);
    }

    static SubscriptionException fenced(String reason) {
        return new SubscriptionException(409, "FENCED", reason);
    }

    static SubscriptionException unauthorized(String reason) {
        return new SubscriptionException(401, "UNAUTHORIZED", reason);
    }

    static SubscriptionException urlRejected(String reason) {
        return new SubscriptionException(400, "WEBHOOK_URL_REJECTED", reason);
    }

    static SubscriptionException alreadyClaimed(String holder, long generation) {
        SubscriptionException e = new SubscriptionException(409, "ALREADY_CLAIMED", "another worker holds the lease");
        e.extra.put("current_holder", holder);
        e.extra.put("generation", generation);
        return e;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The JSON answer. */
    public ObjectNode body() {
        ObjectNode error = JSON.createObjectNode();
        error.put("code", code);
        error.put("message", getMessage());
        error.setAll(extra);
        ObjectNode body = JSON.createObjectNode();
        body.set("error", error);
        return body;
    }
}
