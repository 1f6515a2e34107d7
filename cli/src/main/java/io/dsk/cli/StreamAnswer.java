package io.dsk.cli;

import io.dsk.protocol.HeaderNames;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.Optional;

/**
 * The headers of a read's answer that a reader acts on (PROTOCOL 5.6, 5.7).
 *
 * @param answer the answer
 */
record StreamAnswer(HttpResponse<InputStream> answer) {

    /** Where the next read starts; every read answer carries it. */
    String nextOffset() {
        return answer.headers().firstValue(HeaderNames.STREAM_NEXT_OFFSET).orElseThrow(() -> new CommandFailure(
                "the server's answer has no " + HeaderNames.STREAM_NEXT_OFFSET + " header; is --url a Durable Streams"
                        + " server?"));
    }

    boolean upToDate() {
        return flag(HeaderNames.STREAM_UP_TO_DATE);
    }

    boolean closed() {
        return flag(HeaderNames.STREAM_CLOSED);
    }

    Optional<String> cursor() {
        return answer.headers().firstValue(HeaderNames.STREAM_CURSOR);
    }

    boolean json() {
        return MessageOutput.isJson(answer.headers().firstValue("Content-Type").orElse(""));
    }

    private boolean flag(String name) {
        return answer.headers().firstValue(name).map("true"::equalsIgnoreCase).orElse(false);
    }
}
