package io.dsk.gateway;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A webhook receiver as an application would write one, on the JDK's HTTP server: it verifies the
 * {@code Webhook-Signature} of every request with Nimbus JOSE+JWT against the gateway's published
 * JWK Set (the key named by {@code kid}, as an {@link OctetKeyPair}; {@link Ed25519Verifier} over
 * {@code "<t>.<raw body>"}), refuses a timestamp outside the 5-minute replay window and a signature
 * it has already accepted, and answers {@code 200 {}} to a verified wake, leaving the work to a
 * callback. Refusals are {@code 401} with the {@link Verdict} as plain text.
 *
 * <p>Its clock is the system clock plus {@link #skew}, so a test can receive a request "later".
 */
final class SignedWebhookReceiver implements AutoCloseable {

    /** What the receiver made of one request. */
    enum Verdict { ACCEPTED, MALFORMED, UNKNOWN_KEY, BAD_SIGNATURE, OUTSIDE_REPLAY_WINDOW, REPLAYED }

    /** A verified request, as it came: the signature header and the raw body. */
    record Delivery(String signature, byte[] body) {
    }

    static final long REPLAY_WINDOW_SECONDS = 300;

    private final HttpServer server;
    private final URI jwksUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final BlockingQueue<Delivery> accepted = new LinkedBlockingQueue<>();
    private final List<Verdict> verdicts = new ArrayList<>();
    /** Accepted signatures and their {@code t}, kept while they are inside the replay window. */
    private final Map<String, Long> seen = new HashMap<>();
    private final AtomicLong skewMillis = new AtomicLong();
    private JWKSet jwks = new JWKSet();

    private SignedWebhookReceiver(HttpServer server, URI jwksUrl) {
        this.server = server;
        this.jwksUrl = jwksUrl;
    }

    /** Listens on an ephemeral loopback port; keys come from {@code jwksUrl} when a {@code kid} is new. */
    static SignedWebhookReceiver start(URI jwksUrl) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        SignedWebhookReceiver receiver = new SignedWebhookReceiver(server, jwksUrl);
        server.createContext("/hook", receiver::handle);
        server.start();
        return receiver;
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    /** Moves the receiver's clock by {@code by} from the system clock. */
    void skew(Duration by) {
        skewMillis.set(by.toMillis());
    }

    /** The next verified request, waiting up to {@code timeout}; null if none came. */
    Delivery nextAccepted(Duration timeout) throws InterruptedException {
        return accepted.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Every verdict so far, in the order the requests came. */
    synchronized List<Verdict> verdicts() {
        return List.copyOf(verdicts);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            String signature = exchange.getRequestHeaders().getFirst("Webhook-Signature");
            Verdict verdict = verify(signature, body);
            byte[] answer = (verdict == Verdict.ACCEPTED ? "{}" : verdict.name()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type",
                    verdict == Verdict.ACCEPTED ? "application/json" : "text/plain");
            exchange.sendResponseHeaders(verdict == Verdict.ACCEPTED ? 200 : 401, answer.length);
            exchange.getResponseBody().write(answer);
            if (verdict == Verdict.ACCEPTED) {
                accepted.add(new Delivery(signature, body));
            }
        }
    }

    /** The receiver's check of one request: header form, key, signature, timestamp, replay. */
    synchronized Verdict verify(String header, byte[] body) {
        Verdict verdict = check(header, body);
        verdicts.add(verdict);
        return verdict;
    }

    private Verdict check(String header, byte[] body) {
        Map<String, String> parts = new HashMap<>();
        for (String part : header == null ? new String[0] : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                parts.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        String t = parts.get("t");
        String kid = parts.get("kid");
        String sig = parts.get("ed25519");
        if (t == null || kid == null || sig == null || !t.matches("\\d{1,12}")) {
            return Verdict.MALFORMED;
        }
        OctetKeyPair key = key(kid);
        if (key == null) {
            return Verdict.UNKNOWN_KEY;
        }
        byte[] signed = (t + ".").getBytes(StandardCharsets.US_ASCII);
        byte[] input = new byte[signed.length + body.length];
        System.arraycopy(signed, 0, input, 0, signed.length);
        System.arraycopy(body, 0, input, signed.length, body.length);
        try {
            if (!new Ed25519Verifier(key).verify(new JWSHeader(JWSAlgorithm.EdDSA), input, new Base64URL(sig))) {
                return Verdict.BAD_SIGNATURE;
            }
        } catch (JOSEException e) {
            return Verdict.BAD_SIGNATURE;
        }
        long now = (System.currentTimeMillis() + skewMillis.get()) / 1000;
        long seconds = Long.parseLong(t);
        if (Math.abs(now - seconds) > REPLAY_WINDOW_SECONDS) {
            return Verdict.OUTSIDE_REPLAY_WINDOW;
        }
        seen.values().removeIf(at -> Math.abs(now - at) > REPLAY_WINDOW_SECONDS);
        if (seen.putIfAbsent(sig, seconds) != null) {
            return Verdict.REPLAYED;
        }
        return Verdict.ACCEPTED;
    }

    /** The public key {@code kid} from the JWK Set, fetched again when the kid is not in the copy held. */
    private OctetKeyPair key(String kid) {
        JWK jwk = jwks.getKeyByKeyId(kid);
        if (jwk == null) {
            try {
                jwks = JWKSet.parse(http.send(HttpRequest.newBuilder(jwksUrl).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
            } catch (IOException | ParseException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            jwk = jwks.getKeyByKeyId(kid);
        }
        return jwk instanceof OctetKeyPair okp && !okp.isPrivate() ? okp : null;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
