package io.dsk.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.UnixOperatingSystemMXBean;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Live reads hold no thread: thousands of idle long-poll and SSE connections (10,000 by default)
 * cost the gateway process a bounded number of threads, and one append wakes each waiting
 * long-poll exactly once and reaches each SSE connection.
 */
class IdleLiveConnectionsIT {

    private static final int WANTED = Integer.getInteger("dsk.it.idle.connections", 10_000);
    private static final int THREAD_BUDGET = 200;
    private static final Duration SETTLE = Duration.ofMinutes(2);
    private static final String MESSAGE = "{\"woken\":true}";

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void idleLiveReadsNeedNoThreadEachAndOneAppendWakesEveryWaiterOnce() throws Exception {
        int connections = connectionsThisMachineAllows();
        int longPolls = connections / 2;
        int sse = connections - longPolls;
        List<Socket> waiting = new ArrayList<>(longPolls);
        List<Socket> streaming = new ArrayList<>(sse);
        try (GatewayProcess gateway = GatewayProcess.start("idle-live", "--in-memory",
                "--long-poll-timeout", "10m", "--sse-close-interval", "10m", "--sse-keep-alive-interval", "10m")) {
            URI stream = gateway.uri("/v1/stream/idle/fan-out");
            send(HttpRequest.newBuilder(stream).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.noBody()), 201);
            String tail = send(HttpRequest.newBuilder(stream).method("HEAD", HttpRequest.BodyPublishers.noBody()), 200)
                    .headers().firstValue("Stream-Next-Offset").orElseThrow();
            int threadsIdle = threads(gateway.pid());

            InetSocketAddress address = new InetSocketAddress(stream.getHost(), stream.getPort());
            for (int i = 0; i < longPolls; i++) {
                waiting.add(open(address, stream.getPath() + "?offset=" + tail + "&live=long-poll"));
            }
            for (int i = 0; i < sse; i++) {
                streaming.add(open(address, stream.getPath() + "?offset=" + tail + "&live=sse"));
            }
            awaitLiveConnections(gateway, connections);
            int threadsBusy = threads(gateway.pid());
            long rssKib = residentKib(gateway.pid());
            System.out.printf("idle live connections: %d (%d long-poll, %d SSE); gateway threads %d idle, %d with "
                    + "them open; resident memory %d MiB%n", connections, longPolls, sse, threadsIdle, threadsBusy,
                    rssKib / 1024);
            assertThat(threadsBusy).as("threads of the gateway with %d live reads open", connections)
                    .isLessThan(THREAD_BUDGET);

            send(HttpRequest.newBuilder(stream).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(MESSAGE)), 204);
            for (Socket socket : waiting) {
                assertThat(readLongPollResponse(socket)).isEqualTo("[" + MESSAGE + "]");
                assertThat(socket.getInputStream().available()).as("a waiter is answered once").isZero();
            }
            for (Socket socket : streaming) {
                assertThat(readUntilDataEvent(socket)).contains(MESSAGE);
            }
        } finally {
            closeAll(waiting);
            closeAll(streaming);
        }
    }

    private static int connectionsThisMachineAllows() {
        long maxFds = ((UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getMaxFileDescriptorCount();
        int allowed = (int) Math.min(WANTED, maxFds - 1_000);
        if (allowed < WANTED) {
            System.out.printf("idle live connections: the file descriptor limit (%d) allows %d of the %d wanted%n",
                    maxFds, allowed, WANTED);
        }
        assertThat(allowed).as("file descriptors for a meaningful number of connections").isGreaterThan(1_000);
        return allowed;
    }

    private static Socket open(InetSocketAddress address, String pathAndQuery) throws IOException {
        Socket socket = new Socket();
        socket.connect(address, 30_000);
        socket.setSoTimeout(60_000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + address.getHostString() + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private void awaitLiveConnections(GatewayProcess gateway, int expected) throws Exception {
        Eventually.within(SETTLE).polling(Duration.ofMillis(200)).until(expected + " live reads registered",
                () -> openLiveConnections(gateway), open -> open >= expected);
    }

    /** The sum of the {@code dsk_live_connections} gauges of every mode. */
    private long openLiveConnections(GatewayProcess gateway) throws Exception {
        String metrics = send(HttpRequest.newBuilder(gateway.uri("/metrics")).GET(), 200).body();
        Matcher m = Pattern.compile("^dsk_live_connections\\{mode=\"[a-z-]+\"} ([0-9.E]+)$", Pattern.MULTILINE)
                .matcher(metrics);
        long open = 0;
        while (m.find()) {
            open += (long) Double.parseDouble(m.group(1));
        }
        return open;
    }

    /** Reads one HTTP/1.1 response with a Content-Length and returns its body. */
    private static String readLongPollResponse(Socket socket) throws IOException {
        BufferedReader in = reader(socket);
        String status = in.readLine();
        assertThat(status).isEqualTo("HTTP/1.1 200 OK");
        int length = -1;
        for (String line = in.readLine(); !line.isEmpty(); line = in.readLine()) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        assertThat(length).as("Content-Length of the long-poll answer").isPositive();
        char[] body = new char[length];
        int read = 0;
        while (read < length) {
            int n = in.read(body, read, length - read);
            if (n < 0) {
                break;
            }
            read += n;
        }
        return new String(body, 0, read);
    }

    /** Reads SSE lines until the first {@code data:} line of an {@code event: data}; returns it. */
    private static String readUntilDataEvent(Socket socket) throws IOException {
        BufferedReader in = reader(socket);
        boolean inDataEvent = false;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.equals("event: data")) {
                inDataEvent = true;
            } else if (inDataEvent && line.startsWith("data:")) {
                StringBuilder data = new StringBuilder(line);
                for (String more = in.readLine(); more != null && !more.isEmpty(); more = in.readLine()) {
                    data.append(more);
                }
                return data.toString();
            }
        }
        throw new IOException("the SSE connection ended before a data event");
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    private HttpResponse<String> send(HttpRequest.Builder request, int expected) throws Exception {
        HttpResponse<String> res = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as("%s %s: %s", res.request().method(), res.request().uri(), res.body())
                .isEqualTo(expected);
        return res;
    }

    private static int threads(long pid) throws IOException {
        return (int) statusField(pid, "Threads:");
    }

    private static long residentKib(long pid) throws IOException {
        return statusField(pid, "VmRSS:");
    }

    private static long statusField(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no " + field + " in /proc/" + pid + "/status");
    }

    private static void closeAll(List<Socket> sockets) {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing a test connection; nothing to recover
            }
        }
    }
}
