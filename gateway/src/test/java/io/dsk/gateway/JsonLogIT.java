package io.dsk.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.dsk.gateway.http.RequestIdHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The gateway jar with {@code --log-format json}: every line it prints is one JSON object, lines
 * logged while a request is handled carry the id its response returned in {@code X-Request-Id}, and
 * no record content, token, secret, query string or header value a client sent reaches the log.
 */
class JsonLogIT {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLIENT_ERRORS = "io.dsk.gateway.http.client-errors";
    private static final String SECRET = "sentinel-hmac-secret-0123456789abcdef0123456789";
    /** Every sentinel is a distinct word; none may appear in any log line. */
    private static final String BODY = "sentinel-body-4d1c";
    private static final String CHUNKED_BODY = "sentinel-chunked-body-8e2f";
    private static final String IDLE_BODY = "sentinel-idle-body-61aa";
    private static final String HEADER = "sentinel-header-value-2b9e";
    private static final String QUERY = "sentinel-query-7c30";
    private static final String PATH = "sentinel-path-93d5";
    private static final String BAD_ID = "sentinel-request-id-0f4b";

    @Test
    void everyLineIsJsonNamesItsRequestAndHoldsNoContentOrToken() throws Exception {
        String valid = token("alice", SECRET);
        String forged = token("alice", "another-secret-that-is-long-enough-0123456789ab");
        String malformed = "sentinel.not-a.token";
        List<String> sentinels = new ArrayList<>(List.of(SECRET, BODY, CHUNKED_BODY, IDLE_BODY, HEADER, QUERY,
                PATH, BAD_ID, malformed));
        for (String token : List.of(valid, forged)) {
            sentinels.add(token);
            sentinels.add(token.substring(token.lastIndexOf('.') + 1));
        }
        Map<String, String> logging = new LinkedHashMap<>();
        Set<String> answered = new HashSet<>();
        GatewayProcess gateway = GatewayProcess.start("json-log", "--in-memory", "--port", "0", "--log-format", "json",
                "--io-threads", "1", "--worker-threads", "2", "--max-append-bytes", "1KiB",
                "--body-idle-timeout", "1s", "--auth-enabled", "true", "--auth-jwt-hmac-secret", SECRET,
                "--auth-token-query", "true", "--auth-grants-read", "logs/**", "--auth-grants-write", "logs/**");
        try (gateway) {
            URI base = gateway.baseUrl();
            String stream = base + "/v1/stream/logs/" + PATH;
            answered.add(send(HttpRequest.newBuilder(URI.create(stream + "?q=" + QUERY)).header("X-Request-Id", "it-create")
                    .header("Authorization", "Bearer " + valid).header("Content-Type", "text/plain")
                    .header("X-Sentinel", HEADER).PUT(HttpRequest.BodyPublishers.ofString(BODY)), 201));
            answered.add(send(HttpRequest.newBuilder(URI.create(stream)).header("X-Request-Id", "it-append")
                    .header("Authorization", "Bearer " + valid).header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofString(BODY + "-2")), 204));
            answered.add(send(HttpRequest.newBuilder(URI.create(stream + "?offset=-1&token=" + valid))
                    .header("X-Request-Id", "it-query-token-read").GET(), 200));
            for (String bad : List.of(forged, malformed)) {
                answered.add(send(HttpRequest.newBuilder(URI.create(stream)).header("Authorization", "Bearer " + bad)
                        .header("X-Request-Id", "it-bad-header-token").GET(), 401));
                answered.add(send(HttpRequest.newBuilder(URI.create(stream + "?offset=-1&token=" + bad)).GET(), 401));
                answered.add(send(HttpRequest.newBuilder(URI.create(stream)).header("Cookie", "dsk_token=" + bad)
                        .POST(HttpRequest.BodyPublishers.ofString(BODY)), 401));
            }

            String path = "/v1/stream/logs/" + PATH + "?q=" + QUERY;
            String headers = "Host: localhost\r\nAuthorization: Bearer " + valid + "\r\nContent-Type: text/plain\r\n"
                    + "X-Sentinel: " + HEADER + "\r\n";
            logging.put("declared too large", raw(base, "POST " + path + " HTTP/1.1\r\n" + headers
                    + "X-Request-Id: it-declared-too-large\r\nContent-Length: 5000\r\n\r\n", 413));
            logging.put("chunked too large", raw(base, "POST " + path + " HTTP/1.1\r\n" + headers
                    + "X-Request-Id: it-chunked-too-large\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + chunk((CHUNKED_BODY + " ").repeat(80)), 413));
            logging.put("idle body", raw(base, "POST " + path + " HTTP/1.1\r\n" + headers
                    + "X-Request-Id: it-idle-body\r\nContent-Length: 100\r\n\r\n" + IDLE_BODY, 408));
            logging.put("framing", raw(base, "POST " + path + " HTTP/1.1\r\n" + headers
                    + "X-Request-Id: it-framing\r\nTransfer-Encoding: gzip\r\n\r\n", 400));
            logging.put("malformed id", raw(base, "POST " + path + " HTTP/1.1\r\n" + headers
                    + "X-Request-Id: " + BAD_ID + " with blanks\r\nContent-Length: 5000\r\n\r\n", 413));
            logging.put("overlong id", raw(base, "POST " + path + " HTTP/1.1\r\n" + headers
                    + "X-Request-Id: " + BAD_ID + "x".repeat(RequestIdHandler.MAX_LENGTH) + "\r\n"
                    + "Content-Length: 5000\r\n\r\n", 413));
            answered.addAll(logging.values());
            assertThat(logging.get("declared too large")).isEqualTo("it-declared-too-large");
            assertThat(logging.get("malformed id")).doesNotContain(BAD_ID).matches("[0-9a-f]{32}");
            assertThat(logging.get("overlong id")).doesNotContain(BAD_ID).matches("[0-9a-f]{32}");

            gateway.signalTerminate();
            gateway.awaitExit(Duration.ofSeconds(60));
        }

        List<String> lines = Files.readAllLines(gateway.log(), StandardCharsets.UTF_8);
        assertThat(lines).as("startup, refusals and shutdown were logged").hasSizeGreaterThan(logging.size());
        List<JsonNode> events = new ArrayList<>();
        for (String line : lines) {
            JsonNode event = JSON.readTree(line);
            assertThat(event.isObject()).as(line).isTrue();
            assertThat(event.path("timestamp").isNumber()).as(line).isTrue();
            assertThat(event.path("level").asText()).as(line).isIn("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
            assertThat(event.path("loggerName").asText()).as(line).isNotEmpty();
            assertThat(event.path("message").isTextual()).as(line).isTrue();
            assertThat(event.path("formattedMessage").isTextual()).as(line).isTrue();
            for (String sentinel : sentinels) {
                assertThat(line.toLowerCase(Locale.ROOT)).as("a log line").doesNotContain(sentinel.toLowerCase(Locale.ROOT));
            }
            events.add(event);
        }
        assertThat(events).anySatisfy(e -> assertThat(e.path("formattedMessage").asText())
                .startsWith(GatewayServer.READY_LINE_PREFIX + "http://"));

        List<JsonNode> refusals = events.stream().filter(e -> e.path("loggerName").asText().equals(CLIENT_ERRORS))
                .collect(Collectors.toList());
        assertThat(refusals).as("one refusal line per refused body")
                .extracting(e -> e.path("mdc").path(RequestIdHandler.MDC_KEY).asText())
                .containsExactlyInAnyOrderElementsOf(logging.values());
        assertThat(events).as("a line naming a request names one the gateway answered")
                .filteredOn(e -> e.path("mdc").has(RequestIdHandler.MDC_KEY))
                .allSatisfy(e -> assertThat(answered).contains(e.path("mdc").path(RequestIdHandler.MDC_KEY).asText()));
        assertThat(events).as("lines outside requests name none")
                .filteredOn(e -> e.path("loggerName").asText().equals(GatewayServer.class.getName()))
                .allSatisfy(e -> assertThat(e.path("mdc").has(RequestIdHandler.MDC_KEY)).isFalse());
    }

    /** Sends a request and returns the id of its response. */
    private static String send(HttpRequest.Builder request, int status) throws Exception {
        HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response.headers().firstValue(RequestIdHandler.HEADER.toString()).orElseThrow();
    }

    /**
     * Sends a request exactly as written, reads the head of the answer, and returns its request id.
     * The gateway answers these before the body ends and closes the connection.
     */
    private static String raw(URI base, String request, int status) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            String head = head(socket.getInputStream());
            assertThat(head).as(head).startsWith("HTTP/1.1 " + status + " ");
            return head.lines().filter(line -> line.toLowerCase(Locale.ROOT).startsWith("x-request-id:"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip()).findFirst().orElseThrow();
        }
    }

    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            if (head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                break;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static String chunk(String data) {
        return Integer.toHexString(data.length()) + "\r\n" + data + "\r\n";
    }

    private static String token(String subject, String secret) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().subject(subject)
                .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1)))).build());
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }
}
