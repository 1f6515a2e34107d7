package io.dsk.bench.live;

import io.dsk.bench.run.ServerUnderTest;
import io.dsk.bench.run.StreamLifecycle;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;

/** Creates the JSON streams a live-read run subscribes to, each with its tail offset. */
final class BenchStreams {

    /**
     * A created stream.
     *
     * @param uri the stream's URL
     * @param tail its tail offset right after creation, where subscribers start
     */
    record Created(URI uri, String tail) {

        /** The request path of the stream, e.g. {@code /v1/stream/bench/x/0}. */
        String path() {
            return uri.getRawPath();
        }
    }

    private final StreamLifecycle lifecycle;

    BenchStreams(HttpClient http) {
        this.lifecycle = new StreamLifecycle(http);
    }

    /**
     * Creates {@code count} empty JSON streams named {@code <prefix>/<i>}.
     *
     * @throws IOException if the server refuses one or does not give its tail offset
     */
    List<Created> create(ServerUnderTest server, String prefix, int count) throws IOException, InterruptedException {
        List<Created> streams = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            URI uri = server.streamUri(prefix + "/" + i);
            streams.add(new Created(uri, lifecycle.create(uri)));
        }
        return streams;
    }
}
