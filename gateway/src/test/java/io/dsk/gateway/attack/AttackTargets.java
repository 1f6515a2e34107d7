package io.dsk.gateway.attack;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * The gateways under attack and what cases need to talk to them: addresses, tokens, the oracle to
 * plant secrets in, and request helpers that send bytes exactly as written.
 *
 * <ul>
 *   <li>{@code open}: auth off, as the quickstart runs;</li>
 *   <li>{@code auth}: auth on (HMAC tokens), users read, write and administer {@code users/{sub}/**},
 *       anyone reads, writes and administers {@code open/**};</li>
 *   <li>{@code edge}: auth on with keys from a hostile JWKS server, and per-address rate limits;</li>
 *   <li>{@code tls}: auth off, HTTPS with HTTP/2.</li>
 * </ul>
 */
final class AttackTargets {

    /** Largest create or append body the gateways accept (their --max-append-bytes). */
    static final int MAX_APPEND_BYTES = 64 * 1024;

    final InetSocketAddress open;
    final InetSocketAddress auth;
    final InetSocketAddress edge;
    final InetSocketAddress tls;
    final SSLContext tlsClient;
    final HostileKeyServer keyServer;
    final Tokens tokens;
    final Oracle oracle;
    final Duration bound;

    AttackTargets(InetSocketAddress open, InetSocketAddress auth, InetSocketAddress edge, InetSocketAddress tls,
            SSLContext tlsClient, HostileKeyServer keyServer, Tokens tokens, Oracle oracle, Duration bound) {
        this.open = open;
        this.auth = auth;
        this.edge = edge;
        this.tls = tls;
        this.tlsClient = tlsClient;
        this.keyServer = keyServer;
        this.tokens = tokens;
        this.oracle = oracle;
        this.bound = bound;
    }

    /** Sends raw bytes and returns the observation for the oracle. */
    Observation raw(InetSocketAddress target, String principal, String what, byte[] request, Expect expect) {
        return new Observation(principal, what, RawHttp.exchange(target, null, request, bound), expect);
    }

    /** Like {@link #raw}, from a given local address (to be many clients). */
    Observation rawFrom(InetAddress local, InetSocketAddress target, String principal, String what, byte[] request,
            Expect expect) {
        return new Observation(principal, what, RawHttp.exchange(target, local, request, bound), expect);
    }

    /**
     * A request with Host, Content-Length (when there is a body) and Connection: close added.
     *
     * @param target  the raw request target, e.g. {@code /v1/stream/a;b?offset=-1}
     * @param headers more headers, each {@code "Name: value"}
     */
    Observation http(InetSocketAddress gateway, String principal, String method, String target, List<String> headers,
            byte[] body, Expect expect) {
        return raw(gateway, principal, method + " " + target + describe(headers) + preview(body),
                request(gateway, method, target, headers, body), expect);
    }

    /** The start of a body, bytes outside printable ASCII as {@code \xNN}. */
    static String preview(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        StringBuilder out = new StringBuilder(" body ");
        for (int i = 0; i < Math.min(body.length, 48); i++) {
            int b = body[i] & 0xff;
            out.append(b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : String.format("\\x%02X", b));
        }
        return body.length > 48 ? out.append("... (").append(body.length).append(" bytes)").toString() : out.toString();
    }

    static byte[] request(InetSocketAddress gateway, String method, String target, List<String> headers, byte[] body) {
        List<String> all = new ArrayList<>();
        all.add("Host: 127.0.0.1:" + gateway.getPort());
        all.addAll(headers);
        if (body != null) {
            all.add("Content-Length: " + body.length);
        }
        all.add("Connection: close");
        return RawHttp.request(method + " " + target + " HTTP/1.1", all, body);
    }

    private static String describe(List<String> headers) {
        if (headers.isEmpty()) {
            return "";
        }
        String text = headers.toString().replaceAll("Bearer [A-Za-z0-9._-]+", "Bearer <token>")
                .replaceAll("dsk_token=[A-Za-z0-9._-]+", "dsk_token=<token>");
        return " " + (text.length() > 300 ? text.substring(0, 300) + "...]" : text);
    }

    static List<String> headers(String... lines) {
        return new ArrayList<>(Arrays.asList(lines));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** Bearer header of a user. */
    String bearer(String user) {
        return "Authorization: Bearer " + tokens.hmac(user);
    }
}
