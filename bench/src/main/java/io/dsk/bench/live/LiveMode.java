package io.dsk.bench.live;

/** The two live read modes of PROTOCOL.md (5.7 and 5.8), by their {@code live} query value. */
enum LiveMode {
    SSE("sse"),
    LONG_POLL("long-poll");

    private final String queryValue;

    LiveMode(String queryValue) {
        this.queryValue = queryValue;
    }

    /** The value of the {@code live} query parameter. */
    String queryValue() {
        return queryValue;
    }

    /**
     * The mode with this query value.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    static LiveMode of(String queryValue) {
        for (LiveMode mode : values()) {
            if (mode.queryValue.equals(queryValue.trim())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown live mode '" + queryValue + "'; use sse or long-poll");
    }
}
