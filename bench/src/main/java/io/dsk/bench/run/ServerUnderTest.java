package io.dsk.bench.run;

import java.net.URI;

/**
 * A running Durable Streams server, the gateway or the reference, as a child process whose CPU
 * time and resident memory are read from {@code /proc}.
 */
public interface ServerUnderTest extends AutoCloseable {

    /** {@code "dsk"} or {@code "reference"}. */
    String name();

    /** The stream root with a trailing slash, e.g. {@code http://127.0.0.1:4500/v1/stream/}. */
    URI baseUri();

    /**
     * The stream root without its trailing slash, e.g. {@code http://127.0.0.1:4500/v1/stream}, as the
     * sink connector's {@code ds.url} takes it.
     */
    default String streamRootUrl() {
        return baseUri().toString().replaceAll("/+$", "");
    }

    /** A stream's URL: the base URI resolved against a relative path such as {@code bench/a/1}. */
    default URI streamUri(String path) {
        if (path.startsWith("/")) {
            throw new IllegalArgumentException("stream path must be relative to the stream root, got " + path);
        }
        return baseUri().resolve(path);
    }

    /** The operating-system process id. */
    long pid();

    /** Resident set size now, in bytes, from {@code /proc/<pid>/status}. */
    long rssBytes();

    /** CPU time (user + system) used since start, in seconds. */
    double cpuSeconds();

    /** Stops the server and waits for it to exit. */
    @Override
    void close();
}
