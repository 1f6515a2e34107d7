package io.dsk.bench.live;

import io.dsk.bench.run.ServerUnderTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A server's memory at one moment: resident set size as the operating system sees it, and for the
 * gateway (a JVM) also the resident size and the heap in use after a full collection.
 *
 * @param rssBytes VmRSS, without forcing a collection
 * @param rssAfterGcBytes VmRSS after a full collection; equal to {@code rssBytes} for the reference
 * @param heapBytes heap in use after a full collection; -1 for the reference (not a JVM)
 * @param threads the process's thread count
 */
record ServerMemory(long rssBytes, long rssAfterGcBytes, long heapBytes, int threads) {

    /**
     * Measures a server now.
     *
     * @throws IOException if {@code /proc} or {@code jcmd} cannot be read
     */
    static ServerMemory of(ServerUnderTest server) throws IOException, InterruptedException {
        long rss = server.rssBytes();
        if (!isJvm(server)) {
            return new ServerMemory(rss, rss, -1, threads(server.pid()));
        }
        JvmHeap.collect(server.pid());
        return new ServerMemory(rss, server.rssBytes(), JvmHeap.usedBytes(server.pid()), threads(server.pid()));
    }

    /** Whether the server is the gateway's JVM, whose heap can be read. */
    static boolean isJvm(ServerUnderTest server) {
        return server.name().equals(FanOutResults.DSK);
    }

    static int threads(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("Threads:")) {
                return Integer.parseInt(line.substring("Threads:".length()).trim());
            }
        }
        throw new IOException("no Threads line in /proc/" + pid + "/status");
    }
}
