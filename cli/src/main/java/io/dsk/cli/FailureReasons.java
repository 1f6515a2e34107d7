package io.dsk.cli;

import io.dsk.protocol.HeaderNames;

/**
 * The one table from a gateway's refusal to the line {@code dsk} prints: what went wrong in words,
 * the gateway's own reason, what to change where there is something to change, and the HTTP status.
 * Pure: no IO, so every row is tested without a gateway.
 */
final class FailureReasons {

    private FailureReasons() {
    }

    /**
     * Describes a refusal.
     *
     * @param refusal the gateway's answer
     * @param subject what the request was about, e.g. {@code stream chat/room-1}
     * @param tokenGiven whether the request carried a bearer token
     * @return one line, without the {@code dsk: error: } prefix
     */
    static String describe(Refusal refusal, String subject, boolean tokenGiven) {
        String what = switch (refusal.status()) {
            case 400 -> "bad request";
            case 401 -> tokenGiven ? "the gateway refused the token" : "the gateway wants a token";
            case 403 -> producerFenced(refusal) != null ? producerFenced(refusal) : "forbidden";
            case 404 -> subject + " not found";
            case 405, 501 -> "the server does not support this on " + subject;
            case 408 -> "the gateway gave up waiting for the request body";
            case 409 -> conflict(refusal, subject);
            case 410 -> subject + " is gone (deleted; its data is kept only for its forks)";
            case 413 -> "too large for the gateway";
            case 414 -> "stream path too long for the gateway";
            case 429 -> "rate limited" + retryAfter(refusal);
            case 431 -> "request headers too large for the gateway";
            case 503 -> "the gateway is unavailable" + retryAfter(refusal);
            case 507 -> "the gateway's disk is full";
            default -> refusal.status() >= 500 ? "the gateway failed" : "unexpected answer";
        };
        String hint = switch (refusal.status()) {
            case 401 -> tokenGiven ? "check --token, --token-file or DSK_TOKEN"
                    : "pass one with --token, --token-file or DSK_TOKEN";
            case 403 -> producerFenced(refusal) != null ? "" : "the token lacks a grant for this";
            default -> "";
        };
        StringBuilder line = new StringBuilder(what);
        if (!refusal.reason().isEmpty() && !what.contains(refusal.reason())) {
            line.append(": ").append(refusal.reason());
        }
        if (!hint.isEmpty()) {
            line.append("; ").append(hint);
        }
        return line.append(" (HTTP ").append(refusal.status()).append(')').toString();
    }

    /**
     * Whether a refusal may go away by itself.
     *
     * @param status the HTTP status
     * @return {@code NOT_APPLIED} for 429 and 503 (refused before any effect), {@code OUTCOME_UNKNOWN} for
     *     the other 5xx but 501 and 507, {@code PERMANENT} otherwise
     */
    static CommandFailure.Kind kind(int status) {
        if (status == 429 || status == 503) {
            return CommandFailure.Kind.NOT_APPLIED;
        }
        if (status >= 500 && status != 501 && status != 507) {
            return CommandFailure.Kind.OUTCOME_UNKNOWN;
        }
        return CommandFailure.Kind.PERMANENT;
    }

    private static String conflict(Refusal refusal, String subject) {
        String expected = refusal.header(HeaderNames.PRODUCER_EXPECTED_SEQ).orElse(null);
        if (expected != null) {
            return "producer sequence gap: the gateway expects --seq " + expected + ", this was --seq "
                    + refusal.header(HeaderNames.PRODUCER_RECEIVED_SEQ).orElse("?");
        }
        if (refusal.streamClosed()) {
            return subject + " is closed at offset " + refusal.header(HeaderNames.STREAM_NEXT_OFFSET).orElse("?")
                    + "; nothing was written";
        }
        return "conflict";
    }

    private static String producerFenced(Refusal refusal) {
        return refusal.header(HeaderNames.PRODUCER_EPOCH)
                .map(epoch -> "producer epoch is stale: the gateway is at epoch " + epoch
                        + "; start a new session with --epoch " + nextEpoch(epoch) + " --seq 0")
                .orElse(null);
    }

    private static String nextEpoch(String epoch) {
        try {
            return Long.toString(Long.parseLong(epoch) + 1);
        } catch (NumberFormatException e) {
            return "N+1";
        }
    }

    private static String retryAfter(Refusal refusal) {
        return refusal.header(HeaderNames.RETRY_AFTER).map(s -> ", retry after " + s + " s").orElse("");
    }
}
