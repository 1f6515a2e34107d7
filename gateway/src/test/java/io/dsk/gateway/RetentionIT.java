package io.dsk.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.dsk.gateway.protocol.StreamOffset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention end to end on the gateway jar: a stream under a small size bound keeps appending while
 * its head is dropped; disk use levels off, readers of dropped offsets are told where history now
 * starts, live readers and the retained history are untouched, across a {@code kill -9}.
 */
class RetentionIT {

    private static final int MESSAGE = 2048;
    private static final long LIMIT = 256 << 10;
    /** Data files (SST) and write-ahead logs may hold this much at most once retention has caught up. */
    private static final long SETTLED_DISK = 2L << 20;
    private static final int PHASES = 6;
    private static final int PER_PHASE = 500;
    private static final Eventually AWAIT = Eventually.within(Duration.ofSeconds(120)).polling(Duration.ofMillis(50));

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private GatewayProcess gateway;

    @AfterEach
    void stop() throws InterruptedException {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void aSizeBoundedStreamLevelsOffOnDiskAndKeepsItsHistoryAfterTheHorizonWholeAcrossAKill() throws Exception {
        start("retention-size");
        String stream = "metrics/cpu";
        assertThat(send(put(stream).build()).statusCode()).isEqualTo(201);
        LiveReader reader = new LiveReader(stream);
        reader.start();

        int sent = 0;
        List<Long> settled = new ArrayList<>();
        for (int phase = 0; phase < PHASES / 2; phase++) {
            sent = appendMessages(stream, sent, PER_PHASE);
            settled.add(awaitSettled(stream, sent));
            checkHistory(stream, sent);
        }
        long expected = (long) sent * MESSAGE;
        AWAIT.until("the live reader is at the tail",
                () -> reader.read.length() >= expected || !reader.failures.isEmpty());
        reader.stop();
        assertThat(reader.failures).as("live reader's refusals").isEmpty();
        assertThat(reader.numbers()).as("the live reader got every message once, in order")
                .containsExactlyElementsOf(range(0, sent));

        long earliestBeforeKill = earliest(stream);
        sent = appendMessages(stream, sent, 1);
        gateway.kill();
        start("retention-size-after-kill");

        assertThat(earliest(stream)).as("the earliest offset survives the kill").isGreaterThanOrEqualTo(earliestBeforeKill);
        assertThat(tail(stream)).isEqualTo((long) sent * MESSAGE);
        checkHistory(stream, sent);
        for (int phase = PHASES / 2; phase < PHASES; phase++) {
            sent = appendMessages(stream, sent, PER_PHASE);
            settled.add(awaitSettled(stream, sent));
            checkHistory(stream, sent);
        }

        long written = (long) sent * MESSAGE;
        System.out.printf("retention: %d bytes appended under a %d byte bound; SST+WAL bytes after each phase %s%n",
                written, LIMIT, settled);
        assertThat(settled).as("disk use after each phase").allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(SETTLED_DISK));
        assertThat(written).isGreaterThan(2 * SETTLED_DISK);
    }

    @Test
    void aStreamCreatedWithRetentionHeadersTellsEveryKindOfReaderWhereItsHistoryStarts() throws Exception {
        start("retention-headers", "jobs/** 1h");
        assertThat(send(put("jobs/1").header("DSK-Retention-Max-Bytes", "100").build()).statusCode()).isEqualTo(201);
        assertThat(send(put("plain").build()).statusCode()).isEqualTo(201);
        for (int i = 0; i < 10; i++) {
            append("jobs/1", String.format("%029d\n", i));
        }

        AWAIT.until("the size bound applied to all ten messages",
                () -> earliest("jobs/1"), earliest -> earliest >= 200);

        // tail 300, at most 100 kept: the message 180..210 holds position 200, so it goes whole.
        assertThat(earliest("jobs/1")).isEqualTo(210);
        String earliestOffset = StreamOffset.format(210);
        for (String query : List.of("offset=" + StreamOffset.format(0), "offset=" + StreamOffset.format(60)
                + "&live=long-poll", "offset=" + StreamOffset.format(0) + "&live=sse")) {
            HttpResponse<String> gone = send(get("jobs/1", query));
            assertThat(gone.statusCode()).as(query).isEqualTo(410);
            assertThat(gone.headers().firstValue("DSK-Earliest-Offset")).as(query).hasValue(earliestOffset);
            assertThat(gone.headers().firstValue("Cache-Control")).as(query).hasValue("no-store");
        }
        HttpResponse<String> fromStart = send(get("jobs/1", "offset=-1"));
        assertThat(fromStart.statusCode()).isEqualTo(200);
        assertThat(fromStart.body()).isEqualTo(String.format("%029d\n%029d\n%029d\n", 7, 8, 9));
        assertThat(send(get("jobs/1", "offset=" + earliestOffset)).body()).isEqualTo(fromStart.body());
        assertThat(earliest("plain")).isZero();
        HttpResponse<String> head = send(HttpRequest.newBuilder(uri("jobs/1", null))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.headers().firstValue("DSK-Retention-Max-Age")).as("the configured rule's bound").hasValue("3600");
        assertThat(head.headers().firstValue("DSK-Retention-Max-Bytes")).as("the create's own bound").hasValue("100");
        assertThat(send(put("jobs/4").header("DSK-Retention-Max-Age", "86400").build()).statusCode()).isEqualTo(201);
        assertThat(send(HttpRequest.newBuilder(uri("jobs/4", null)).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build()).headers().firstValue("DSK-Retention-Max-Age"))
                .as("a create cannot lengthen what the operator configured").hasValue("3600");

        assertThat(send(put("jobs/2").header("DSK-Retention-Max-Bytes", "-5").build()).statusCode()).isEqualTo(400);
        assertThat(send(put("jobs/3").header("DSK-Retention-Max-Age", "soon").build()).statusCode()).isEqualTo(400);
    }

    // --- the size-bounded stream ---------------------------------------------------------------

    /** Appends messages {@code from .. from + count - 1}, each acknowledged; returns the next number. */
    private int appendMessages(String stream, int from, int count) throws Exception {
        for (int n = from; n < from + count; n++) {
            append(stream, message(n));
        }
        return from + count;
    }

    /** Waits until retention has caught up with {@code sent} messages and the disk space is back; returns it. */
    private long awaitSettled(String stream, int sent) throws Exception {
        long tail = (long) sent * MESSAGE;
        AWAIT.until("retention caught up with the tail", () -> earliest(stream), earliest -> earliest >= tail - LIMIT);
        AWAIT.until("the dropped data's disk space returned", () -> storageBytes(), bytes -> bytes <= SETTLED_DISK);
        return storageBytes();
    }

    /** Dropped offsets are gone, {@code -1} starts at the horizon, and everything after it is whole and in order. */
    private void checkHistory(String stream, int sent) throws Exception {
        HttpResponse<String> gone = send(get(stream, "offset=" + StreamOffset.format(0)));
        assertThat(gone.statusCode()).isEqualTo(410);
        long named = StreamOffset.parse(gone.headers().firstValue("DSK-Earliest-Offset").orElseThrow(), "earliest");
        assertThat(named % MESSAGE).as("the earliest offset is a message boundary").isZero();
        assertThat(gone.headers().firstValue("Cache-Control")).hasValue("no-store");

        StringBuilder history = new StringBuilder();
        HttpResponse<String> read = send(get(stream, "offset=-1"));
        long earliest = StreamOffset.parse(read.headers().firstValue("Stream-Next-Offset").orElseThrow(), "next")
                - read.body().length();
        history.append(read.body());
        while (read.headers().firstValue("Stream-Up-To-Date").isEmpty()) {
            read = send(get(stream, "offset=" + read.headers().firstValue("Stream-Next-Offset").orElseThrow()));
            history.append(read.body());
        }
        assertThat(earliest).isGreaterThanOrEqualTo(named);
        assertThat((long) sent * MESSAGE - earliest).isLessThanOrEqualTo(LIMIT + (long) PER_PHASE * MESSAGE);
        assertThat(numbers(history.toString())).containsExactlyElementsOf(range((int) (earliest / MESSAGE), sent));
    }

    private long storageBytes() {
        try (Stream<Path> files = Files.list(dataDir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".sst")
                    || f.getFileName().toString().endsWith(".log")).mapToLong(f -> {
                        try {
                            return Files.size(f);
                        } catch (IOException e) {
                            return 0; // removed while listed
                        }
                    }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Tails a stream with long-polls from its start, keeping what it reads and any refusal. */
    private final class LiveReader {
        private final String stream;
        private final StringBuffer read = new StringBuffer();
        private final List<String> failures = new CopyOnWriteArrayList<>();
        private final AtomicBoolean stopping = new AtomicBoolean();
        private final Thread thread;

        LiveReader(String stream) {
            this.stream = stream;
            this.thread = new Thread(this::run, "retention-live-reader");
        }

        void start() {
            thread.start();
        }

        void stop() throws InterruptedException {
            stopping.set(true);
            thread.join();
        }

        List<Integer> numbers() {
            return RetentionIT.numbers(read.toString());
        }

        private void run() {
            String offset = StreamOffset.format(0);
            while (!stopping.get()) {
                try {
                    HttpResponse<String> r = send(get(stream, "offset=" + offset + "&live=long-poll"));
                    if (r.statusCode() == 200) {
                        read.append(r.body());
                    } else if (r.statusCode() != 204) {
                        failures.add(r.statusCode() + " " + r.body());
                        return;
                    }
                    offset = r.headers().firstValue("Stream-Next-Offset").orElse(offset);
                } catch (Exception e) {
                    failures.add(e.toString());
                    return;
                }
            }
        }
    }

    /** Message {@code n}: its number, then letters that do not compress, then a newline. */
    private static String message(int n) {
        StringBuilder m = new StringBuilder(MESSAGE).append(String.format("%08d", n));
        Random letters = new Random(n);
        while (m.length() < MESSAGE - 1) {
            m.append((char) ('a' + letters.nextInt(26)));
        }
        return m.append('\n').toString();
    }

    private static List<Integer> numbers(String text) {
        List<Integer> numbers = new ArrayList<>();
        for (int at = 0; at + MESSAGE <= text.length(); at += MESSAGE) {
            numbers.add(Integer.parseInt(text.substring(at, at + 8)));
        }
        assertThat(text.length() % MESSAGE).as("whole messages only").isZero();
        return numbers;
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> all = new ArrayList<>();
        for (int i = from; i < to; i++) {
            all.add(i);
        }
        return all;
    }

    // --- HTTP ----------------------------------------------------------------------------------

    private void start(String name) throws Exception {
        start(name, "metrics/** 256KiB");
    }

    private void start(String name, String retention) throws Exception {
        gateway = GatewayProcess.start(name, "--port", "0", "--data-dir", dataDir.toString(),
                "--long-poll-timeout", "1s", "--retention", retention,
                "--retention-check-interval", "100ms", "--retention-compaction-interval", "200ms");
    }

    private URI uri(String path, String query) {
        return URI.create(gateway.baseUrl() + "/v1/stream/" + path + (query == null ? "" : "?" + query));
    }

    private HttpRequest.Builder put(String path) {
        return HttpRequest.newBuilder(uri(path, null)).header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.noBody());
    }

    private HttpRequest get(String path, String query) {
        return HttpRequest.newBuilder(uri(path, query)).timeout(Duration.ofSeconds(30)).GET().build();
    }

    private void append(String path, String body) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri(path, null)).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(r.statusCode()).as("append").isIn(200, 204);
    }

    private long earliest(String path) throws Exception {
        HttpResponse<String> head = send(HttpRequest.newBuilder(uri(path, null))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        return StreamOffset.parse(head.headers().firstValue("DSK-Earliest-Offset").orElseThrow(), "earliest");
    }

    private long tail(String path) throws Exception {
        HttpResponse<String> head = send(HttpRequest.newBuilder(uri(path, null))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        return StreamOffset.parse(head.headers().firstValue("Stream-Next-Offset").orElseThrow(), "tail");
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
