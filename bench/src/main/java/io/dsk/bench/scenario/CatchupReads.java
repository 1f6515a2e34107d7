package io.dsk.bench.scenario;

import io.dsk.bench.run.ServerUnderTest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The workloads of the catch-up scenario: writing the streams, then reading them from the start. */
final class CatchupReads {

    /** A long time: finite workloads end when their requests run out, not by the clock. */
    private static final Duration UNBOUNDED = Duration.ofHours(1);

    private CatchupReads() {
    }

    /**
     * How one sequential read of a stream from {@code -1} to the tail went.
     *
     * @param bytes body bytes read
     * @param seconds time from the first request to the last response
     * @param responses how many GETs it took
     * @param progress {seconds since start, MB read so far} after each response
     */
    record SequentialRead(long bytes, double seconds, int responses, List<double[]> progress) {

        double megabytesPerSecond() {
            return bytes / 1e6 / seconds;
        }
    }

    /** Creates a stream and fills it with {@code appends} appends of {@code appendBytes}, over 4 connections. */
    static void writeLargeStream(ServerUnderTest server, String stream, int appends, int appendBytes)
            throws IOException {
        PreEncodedRequests.create(server, List.of(stream));
        ByteBuffer request = PreEncodedRequests.append(server, stream, PreEncodedRequests.payload(appendBytes));
        int[] left = {appends};
        ClosedLoopLoad.Result result = new ClosedLoopLoad(server.baseUri(), Math.min(4, appends))
                .run(i -> left[0]-- > 0 ? request : null, (i, r) -> PreEncodedRequests.appended(r), Duration.ZERO,
                        UNBOUNDED);
        requireAll(server, "filling " + stream, result, appends);
    }

    /**
     * Reads a stream from the start until the server says the reader is up to date, one request
     * at a time on one keep-alive connection, following {@code Stream-Next-Offset}.
     *
     * @throws IOException if a read fails or fewer than {@code expectedBytes} arrive
     */
    static SequentialRead readFromStart(ServerUnderTest server, String stream, long expectedBytes)
            throws IOException {
        String target = PreEncodedRequests.target(server, stream);
        List<double[]> progress = new ArrayList<>();
        long bytes = 0;
        int responses = 0;
        String offset = "-1";
        try (BlockingHttpConnection connection = new BlockingHttpConnection(server.baseUri())) {
            long start = System.nanoTime();
            while (true) {
                CountingResponseReader.Response r = connection.expect("GET", target + "?offset=" + offset, Map.of(),
                        new byte[0], 200);
                bytes += r.bodyBytes();
                responses++;
                progress.add(new double[] {(System.nanoTime() - start) / 1e9, bytes / 1e6});
                String next = r.header("Stream-Next-Offset");
                if (next == null) {
                    throw new IOException(server.name() + ": read of " + stream + " has no Stream-Next-Offset");
                }
                if (r.header("Stream-Up-To-Date") != null || next.equals(offset)) {
                    break;
                }
                offset = next;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (bytes < expectedBytes) {
                throw new IOException(server.name() + ": read " + bytes + " of " + expectedBytes + " bytes of " + stream);
            }
            return new SequentialRead(bytes, seconds, responses, progress);
        }
    }

    /**
     * Creates {@code count} streams and appends {@code messages} appends of {@code bytes} to each,
     * one append at a time: the reference server fails concurrent appends to more than 100 streams
     * (its file-handle pool evicts handles that an fsync still waits on), and set-up is not measured.
     */
    static List<String> writeSmallStreams(ServerUnderTest server, String prefix, int count, int messages, int bytes)
            throws IOException {
        return writeSmallStreams(server, prefix, count, messages, PreEncodedRequests.payload(bytes),
                PreEncodedRequests.CONTENT_TYPE);
    }

    /**
     * Creates {@code count} JSON streams, each holding one append of {@link PreEncodedRequests#jsonPayload}
     * of {@code bytes} (an array of messages of about 100 bytes); a read of one from the start returns
     * that array, {@code PreEncodedRequests.jsonPayload(bytes).length} bytes.
     */
    static List<String> writeSmallJsonStreams(ServerUnderTest server, String prefix, int count, int bytes)
            throws IOException {
        return writeSmallStreams(server, prefix, count, 1, PreEncodedRequests.jsonPayload(bytes),
                PreEncodedRequests.JSON_CONTENT_TYPE);
    }

    private static List<String> writeSmallStreams(ServerUnderTest server, String prefix, int count, int messages,
            byte[] body, String contentType) throws IOException {
        List<String> streams = smallStreams(prefix, count);
        PreEncodedRequests.create(server, streams, contentType);
        fillSmallStreams(server, streams, messages, body, contentType);
        return streams;
    }

    /** The paths {@link #writeSmallStreams} gives {@code count} small streams under {@code prefix}. */
    static List<String> smallStreams(String prefix, int count) {
        List<String> streams = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            streams.add(prefix + "/s" + i);
        }
        return streams;
    }

    /**
     * Appends {@code messages} times {@code body} to each of the streams, created already, in turn
     * with one connection.
     */
    static void fillSmallStreams(ServerUnderTest server, List<String> streams, int messages, byte[] body,
            String contentType) throws IOException {
        List<ByteBuffer> appends = new ArrayList<>();
        for (int m = 0; m < messages; m++) {
            for (String stream : streams) {
                appends.add(PreEncodedRequests.append(server, stream, body, contentType));
            }
        }
        ClosedLoopLoad.Result result = new ClosedLoopLoad(server.baseUri(), 1)
                .run(queue(appends), (i, r) -> PreEncodedRequests.appended(r), Duration.ZERO, UNBOUNDED);
        requireAll(server, "filling " + streams.size() + " small streams", result, appends.size());
    }

    /**
     * Reads every stream once from the start with {@code readers} concurrent connections; each
     * read must return the whole stream ({@code expectedBytes}) in one response.
     */
    static ClosedLoopLoad.Result readEachOnce(ServerUnderTest server, List<String> streams, long expectedBytes,
            int readers) throws IOException {
        List<ByteBuffer> reads = new ArrayList<>();
        streams.forEach(s -> reads.add(PreEncodedRequests.read(server, s, "-1")));
        ClosedLoopLoad.Result result = new ClosedLoopLoad(server.baseUri(), Math.min(readers, streams.size()))
                .run(queue(reads), (i, r) -> r.status() == 200 && r.bodyBytes() == expectedBytes, Duration.ZERO,
                        UNBOUNDED);
        requireAll(server, "reading " + streams.size() + " small streams", result, streams.size());
        return result;
    }

    /**
     * Reads the streams from the start over and over, in turn, with {@code readers} concurrent
     * connections for {@code window}; each read must return the whole stream ({@code expectedBytes})
     * in one response.
     */
    static ClosedLoopLoad.Result readRepeatedly(ServerUnderTest server, List<String> streams, long expectedBytes,
            int readers, Duration window) throws IOException {
        List<ByteBuffer> reads = new ArrayList<>();
        streams.forEach(s -> reads.add(PreEncodedRequests.read(server, s, "-1")));
        long[] next = {0};
        ClosedLoopLoad.Result result = new ClosedLoopLoad(server.baseUri(), Math.min(readers, streams.size()))
                .run(i -> reads.get((int) (next[0]++ % reads.size())),
                        (i, r) -> r.status() == 200 && r.bodyBytes() == expectedBytes, Duration.ZERO, window);
        if (result.failures() > 0 || result.completed() == 0) {
            throw new IOException(server.name() + ": reading " + streams.size() + " small streams repeatedly: "
                    + result.completed() + " succeeded, " + result.failures() + " failed (first: "
                    + result.firstFailure() + ")");
        }
        return result;
    }

    private static ClosedLoopLoad.Requests queue(List<ByteBuffer> requests) {
        int[] next = {0};
        return i -> next[0] < requests.size() ? requests.get(next[0]++) : null;
    }

    private static void requireAll(ServerUnderTest server, String what, ClosedLoopLoad.Result result, long expected)
            throws IOException {
        if (result.failures() > 0 || result.completed() != expected) {
            throw new IOException(server.name() + ": " + what + ": " + result.completed() + " of " + expected
                    + " requests succeeded, " + result.failures() + " failed (first: " + result.firstFailure() + ")");
        }
    }
}
