package io.dsk.bench.e2e;

/**
 * Turns the lines of a {@code text/event-stream} body into events, following the SSE rules the
 * protocol relies on (PROTOCOL.md 5.8): {@code event:} names the event, consecutive {@code data:}
 * lines are joined with {@code \n} (one space after the colon is dropped), lines starting with
 * {@code :} are comments, and a blank line ends the event. Fed one line at a time, without its line
 * terminator; not thread-safe.
 */
final class SseEventParser {

    /** Receives each complete event. */
    interface Listener {
        /**
         * @param type the {@code event:} name, {@code "message"} when the event had none
         * @param data the joined {@code data:} lines
         */
        void onEvent(String type, String data);
    }

    private final Listener listener;
    private final StringBuilder data = new StringBuilder();
    private String type;
    private boolean hasData;

    SseEventParser(Listener listener) {
        this.listener = listener;
    }

    /** Consumes one line of the body. */
    void accept(String line) {
        if (line.isEmpty()) {
            dispatch();
            return;
        }
        if (line.charAt(0) == ':') {
            return;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        int valueStart = colon < 0 ? line.length() : colon + 1;
        if (valueStart < line.length() && line.charAt(valueStart) == ' ') {
            valueStart++;
        }
        switch (field) {
            case "event" -> type = line.substring(valueStart);
            case "data" -> {
                if (hasData) {
                    data.append('\n');
                }
                data.append(line, valueStart, line.length());
                hasData = true;
            }
            default -> {
                // id, retry and unknown fields carry nothing this client needs
            }
        }
    }

    /** Forgets a partly received event, e.g. after the connection dropped in the middle of one. */
    void reset() {
        data.setLength(0);
        type = null;
        hasData = false;
    }

    private void dispatch() {
        if (hasData) {
            listener.onEvent(type == null || type.isEmpty() ? "message" : type, data.toString());
        }
        reset();
    }
}
