package io.dsk.bench.e2e;

import io.dsk.bench.sse.ControlEvent;
import io.dsk.bench.sse.SseEventParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One SSE reader of one stream ({@code ?offset=-1&live=sse}), on its own thread. It books every
 * stamped record of each {@code data} event in its {@link DeliveryLog} at the moment the event is
 * complete, and when the server ends the connection (servers close SSE connections about every
 * minute) it reconnects from the last {@code control} event's {@code streamNextOffset}. It ends when
 * the stream is closed or {@link #stop()} is called.
 */
final class SseSubscriber implements Runnable {

    private static final Duration RECONNECT_PAUSE = Duration.ofMillis(100);

    private final HttpClient http;
    private final URI streamUrl;
    private final DeliveryLog log;
    private final SseEventParser parser = new SseEventParser(this::onEvent);
    private volatile boolean stopping;
    private volatile Thread thread;
    private volatile int connections;
    private volatile String lastError;
    private String offset = "-1";
    private volatile boolean closed;

    /**
     * @param http an HTTP/1.1 client
     * @param streamUrl the stream's URL
     * @param log where deliveries are booked
     */
    SseSubscriber(HttpClient http, URI streamUrl, DeliveryLog log) {
        this.http = http;
        this.streamUrl = streamUrl;
        this.log = log;
    }

    /** Starts reading on a new daemon thread. */
    Thread start(String threadName) {
        Thread t = new Thread(this, threadName);
        t.setDaemon(true);
        thread = t;
        t.start();
        return t;
    }

    @Override
    public void run() {
        while (!closed && !stopping) {
            try {
                readUntilDisconnected();
            } catch (IOException e) {
                if (stopping) {
                    return;
                }
                lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
                pause();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Asks the reader to end, interrupting a blocked read. */
    void stop() {
        stopping = true;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    /** Whether the server said the stream is closed. */
    boolean streamClosed() {
        return closed;
    }

    /** How many SSE responses were opened, the first included. */
    int connections() {
        return connections;
    }

    /** The last connection error, or null. */
    String lastError() {
        return lastError;
    }

    private void readUntilDisconnected() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(streamUrl + "?offset="
                        + URLEncoder.encode(offset, StandardCharsets.UTF_8) + "&live=sse"))
                .header("Accept", "text/event-stream").GET().build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            if (response.statusCode() != 200) {
                throw new IOException("SSE read of " + streamUrl + " answered " + response.statusCode());
            }
            connections++;
            parser.reset();
            for (String line; !closed && !stopping && (line = lines.readLine()) != null; ) {
                parser.acceptLine(line);
            }
        }
    }

    /** The offset the next connection starts from: -1, then each control event's {@code streamNextOffset}. */
    String resumeOffset() {
        return offset;
    }

    /** Handles one parsed event; called by the reading thread. */
    void onEvent(String type, String data) {
        if (type.equals("data")) {
            long parsedAt = System.nanoTime();
            RecordStamp.scan(data, (seq, sent) -> log.delivered(seq, sent, parsedAt));
        } else if (type.equals("control")) {
            ControlEvent control = ControlEvent.parse(data);
            offset = control.nextOffset();
            closed = control.closed();
        }
    }

    private void pause() {
        try {
            Thread.sleep(RECONNECT_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }
}
