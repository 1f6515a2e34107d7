package io.dsk.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The authorisation matrix: (token, method, path) against a real server whose protocol handler is
 * a stub answering 200, so every status other than 200 comes from the auth chain.
 */
class AuthMatrixIT {

    @TempDir
    static Path keys;

    private static StubServer server;
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final Map<String, String> TOKENS = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        AuthSettings settings = AuthSettings.builder()
                .enabled(true)
                .issuer(TestTokens.ISSUER)
                .audiences(List.of(TestTokens.AUDIENCE))
                .hmacSecret(TestKeys.HMAC_SECRET)
                .publicKey(new AuthSettings.PublicKeyFile("rsa-1", TestKeys.writePublicKey(keys, "rsa.pem", TestKeys.RSA)))
                .grant(Action.READ, "users/{sub}/**", "tenants/{tid}/**", "shared/*")
                .grant(Action.WRITE, "users/{sub}/inbox", "tenants/{tid}/events")
                .grantsClaim("ds")
                .anonymousGrant(Action.READ, "public/**")
                .publicPaths(List.of("public/**", "shared/*"))
                .build();
        server = StubServer.start(settings, RateLimitSettings.disabled());
        mintTokens();
    }

    private static void mintTokens() throws JOSEException {
        TOKENS.put("alice", TestTokens.hs256(TestTokens.claims("alice").claim("tid", "acme").build()));
        TOKENS.put("bob", TestTokens.hs256(TestTokens.claims("bob").claim("tid", "globex").build()));
        TOKENS.put("root", TestTokens.hs256(TestTokens.claims("root")
                .claim("ds", Map.of("read", List.of("**"), "write", List.of("**"), "admin", List.of("**"))).build()));
        TOKENS.put("carol", TestTokens.hs256(TestTokens.claims("carol")
                .claim("ds", List.of("read:projects/x/**", "write:projects/x/log")).build()));
        TOKENS.put("writer", TestTokens.hs256(TestTokens.claims("writer")
                .claim("ds", Map.of("write", List.of("jobs/**"))).build()));
        TOKENS.put("dotdot", TestTokens.hs256(TestTokens.claims("..").build()));
        TOKENS.put("slashsub", TestTokens.hs256(TestTokens.claims("alice/x").build()));
        TOKENS.put("emptysub", TestTokens.hs256(TestTokens.claims("").build()));
        TOKENS.put("nosub", TestTokens.hs256(TestTokens.claims(null).build()));
        TOKENS.put("evil-tid", TestTokens.hs256(TestTokens.claims("eve").claim("tid", "../acme").build()));
        TOKENS.put("expired", TestTokens.hs256(TestTokens.claims("alice")
                .expirationTime(Date.from(TestTokens.NOW.minusSeconds(120))).build()));
        TOKENS.put("notyet", TestTokens.hs256(TestTokens.claims("alice")
                .notBeforeTime(Date.from(TestTokens.NOW.plusSeconds(120))).build()));
        TOKENS.put("wrongaud", TestTokens.hs256(TestTokens.claims("alice").audience("elsewhere").build()));
        TOKENS.put("wrongiss", TestTokens.hs256(TestTokens.claims("alice").issuer("https://evil.test").build()));
        TOKENS.put("none", TestTokens.unsigned(TestTokens.claims("alice").build()));
        TOKENS.put("confused", TestTokens.sign(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(),
                TestTokens.claims("alice").build(), new MACSigner(TestKeys.RSA.getPublic().getEncoded())));
        TOKENS.put("tampered", TestTokens.withPayload(TOKENS.get("alice"), TestTokens.claims("bob").build()));
        TOKENS.put("badsig", TestTokens.withFlippedSignature(TOKENS.get("alice")));
        TOKENS.put("garbage", "not.a.jwt");
        TOKENS.put("rsa-alice", TestTokens.rsa(JWSAlgorithm.RS256, "rsa-1", TestKeys.RSA.getPrivate(),
                TestTokens.claims("alice").build()));
        TOKENS.put("ps-alice", TestTokens.rsa(JWSAlgorithm.PS512, "rsa-1", TestKeys.RSA.getPrivate(),
                TestTokens.claims("alice").build()));
        TOKENS.put("rsa-other", TestTokens.rsa(JWSAlgorithm.RS256, "rsa-1", TestKeys.RSA_OTHER.getPrivate(),
                TestTokens.claims("alice").build()));
        TOKENS.put("rsa-unknown-kid", TestTokens.rsa(JWSAlgorithm.RS256, "rsa-9", TestKeys.RSA.getPrivate(),
                TestTokens.claims("alice").build()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest(name = "[{index}] {0} {1} {2} -> {3}")
    @CsvSource({
        // anonymous: only public/** reads
        "-, GET, public/news, 200",
        "-, HEAD, public/news, 200",
        "-, GET, public/a/b/c, 200",
        "-, GET, public, 200",
        "-, POST, public/news, 401",
        "-, PUT, public/news, 401",
        "-, DELETE, public/news, 401",
        "-, GET, users/alice/feed, 401",
        "-, POST, users/alice/inbox, 401",
        "-, GET, shared/board, 401",
        "-, GET, tenants/acme/orders, 401",
        "-, GET, __ds/subscriptions/s1, 401",
        "-, GET, publicity, 401",
        "-, OPTIONS, users/alice/feed, 200",
        "-, HEAD, users/alice/feed, 401",
        "alice, HEAD, users/bob/feed, 403",
        // alice (sub=alice, tid=acme)
        "alice, GET, users/alice/feed, 200",
        "alice, HEAD, users/alice/feed, 200",
        "alice, GET, users/alice, 200",
        "alice, GET, users/alice/a/b/c, 200",
        "alice, GET, users/bob/feed, 403",
        "alice, GET, users/alicex/feed, 403",
        "alice, GET, users/Alice/feed, 403",
        "alice, GET, users, 403",
        "alice, POST, users/alice/inbox, 200",
        "alice, PUT, users/alice/inbox, 200",
        "alice, POST, users/alice/feed, 403",
        "alice, POST, users/alice/inbox/x, 403",
        "alice, POST, users/bob/inbox, 403",
        "alice, DELETE, users/alice/inbox, 403",
        "alice, PATCH, users/alice/inbox, 403",
        "alice, GET, tenants/acme/orders, 200",
        "alice, GET, tenants/acme/a/b, 200",
        "alice, GET, tenants/globex/orders, 403",
        "alice, POST, tenants/acme/events, 200",
        "alice, POST, tenants/globex/events, 403",
        "alice, POST, tenants/acme/orders, 403",
        "alice, GET, shared/board, 200",
        "alice, GET, shared/board/x, 403",
        "alice, GET, shared, 403",
        "alice, GET, public/news, 200",
        "alice, POST, public/news, 403",
        "alice, GET, __ds/subscriptions/s1, 403",
        "alice, PUT, __ds/subscriptions/s1, 403",
        "alice, DELETE, __ds/subscriptions/s1, 403",
        "alice, GET, __ds/users/alice/feed, 403",
        // bob (sub=bob, tid=globex)
        "bob, GET, users/bob/feed, 200",
        "bob, HEAD, users/bob, 200",
        "bob, GET, users/alice/feed, 403",
        "bob, POST, users/bob/inbox, 200",
        "bob, PUT, users/bob/inbox, 200",
        "bob, POST, users/alice/inbox, 403",
        "bob, GET, tenants/globex/x, 200",
        "bob, GET, tenants/acme/x, 403",
        "bob, POST, tenants/globex/events, 200",
        "bob, DELETE, users/bob/inbox, 403",
        "bob, DELETE, tenants/globex/events, 403",
        // root: grants from the ds claim as an object
        "root, GET, anything/at/all, 200",
        "root, POST, anything/x, 200",
        "root, PUT, anything/x, 200",
        "root, DELETE, anything/x, 200",
        "root, PATCH, anything/x, 200",
        "root, GET, __ds/subscriptions/s1, 200",
        "root, PUT, __ds/subscriptions/s1, 200",
        "root, DELETE, users/alice/feed, 200",
        // carol: grants from the ds claim as action:pattern strings
        "carol, GET, projects/x/a, 200",
        "carol, GET, projects/x, 200",
        "carol, POST, projects/x/log, 200",
        "carol, POST, projects/x/a, 403",
        "carol, GET, projects/y/a, 403",
        "carol, DELETE, projects/x/a, 403",
        "carol, GET, users/carol/feed, 200",
        // claim values that are not one safe segment never match
        "dotdot, GET, users/x/feed, 403",
        "dotdot, GET, users/feed, 403",
        "slashsub, GET, users/alice/x/feed, 403",
        "slashsub, GET, users/alice/feed, 403",
        "slashsub, GET, users/alice, 403",
        "emptysub, GET, users/feed, 403",
        "emptysub, GET, users/x, 403",
        "nosub, GET, users/alice/feed, 403",
        "nosub, GET, shared/board, 200",
        "nosub, GET, public/x, 200",
        "evil-tid, GET, tenants/acme/orders, 403",
        "evil-tid, POST, tenants/acme/events, 403",
        // invalid tokens are 401 everywhere, even where anonymous access would pass
        "expired, GET, users/alice/feed, 401",
        "expired, GET, public/news, 401",
        "notyet, GET, users/alice/feed, 401",
        "wrongaud, GET, users/alice/feed, 401",
        "wrongiss, GET, users/alice/feed, 401",
        "none, GET, users/alice/feed, 401",
        "none, GET, public/news, 401",
        "confused, GET, users/alice/feed, 401",
        "tampered, GET, users/bob/feed, 401",
        "badsig, GET, users/alice/feed, 401",
        "garbage, GET, users/alice/feed, 401",
        "garbage, POST, users/alice/inbox, 401",
        "rsa-other, GET, users/alice/feed, 401",
        "rsa-unknown-kid, GET, users/alice/feed, 401",
        // RSA-signed tokens with a PEM public key
        "rsa-alice, GET, users/alice/feed, 200",
        "rsa-alice, POST, users/alice/inbox, 200",
        "rsa-alice, GET, users/bob/feed, 403",
        "ps-alice, GET, users/alice/feed, 200",
        // cookie tokens authorise reads; writes need the header
        "cookie:alice, GET, users/alice/feed, 200",
        "cookie:alice, HEAD, users/alice/feed, 200",
        "cookie:alice, GET, users/bob/feed, 403",
        "cookie:alice, POST, users/alice/inbox, 401",
        "cookie:expired, GET, users/alice/feed, 401",
        "cookie:expired, POST, public/news, 401",
        // query tokens are off on this server
        "query:alice, GET, users/alice/feed, 401",
        "query:alice, GET, public/news, 401",
        // malformed Authorization headers
        "basic, GET, users/alice/feed, 401",
        "bearer-empty, GET, public/news, 401",
    })
    void statusOf(String token, String method, String path, int expected) throws Exception {
        HttpResponse<String> response = CLIENT.send(request(token, method, path), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
        if (expected == 200 && !method.equals("HEAD")) {
            assertThat(response.body()).startsWith("stub " + method + " /v1/stream/" + path);
        }
        if (expected == 401) {
            assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString()
                    .startsWith("Bearer realm=\"dsk\"");
        }
        if (expected == 403) {
            assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString()
                    .contains("insufficient_scope");
        }
    }

    /**
     * The source-offsets lookup ({@code __ds/source-offsets?path=P}) is granted to whoever may read or write
     * the stream P (an ambiguous or reserved P is 400); everything else under {@code __ds} stays admin only.
     * P is decoded once: {@code %252E%252E} names alice's own stream {@code users/alice/%2E%2E/bob}.
     */
    @ParameterizedTest(name = "[{index}] {0} {1} {2} -> {3}")
    @CsvSource({
        "alice, GET, __ds/source-offsets?path=users/alice/feed, 200",
        "alice, GET, __ds/source-offsets?path=users/alice/feed&topic=t&partition=0&offset=3, 200",
        "alice, HEAD, __ds/source-offsets?path=users/alice/feed, 200",
        "alice, GET, __ds/source-offsets?path=/v1/stream/users/alice/feed, 200",
        "alice, GET, __ds/source-offsets?path=tenants/acme/events, 200",
        "writer, GET, __ds/source-offsets?path=jobs/42, 200",
        "carol, GET, __ds/source-offsets?path=projects/x/log, 200",
        "root, GET, __ds/source-offsets?path=anything/at/all, 200",
        "-, GET, __ds/source-offsets?path=public/news, 200",
        "-, GET, __ds/source-offsets?path=users/alice/feed, 401",
        "alice, GET, __ds/source-offsets?path=users/bob/feed, 403",
        "bob, GET, __ds/source-offsets?path=users/alice/feed, 403",
        "writer, GET, __ds/source-offsets?path=other/42, 403",
        "alice, GET, __ds/source-offsets, 403",
        "alice, GET, __ds/source-offsets?path=users/alice/%252E%252E/bob, 200",
        "alice, GET, __ds/source-offsets?path=__ds/streams, 400",
        "alice, GET, __ds/source-offsets?path=users/alice/../bob, 400",
        "alice, POST, __ds/source-offsets?path=users/alice/feed, 403",
        "alice, GET, __ds/streams?path=users/alice/feed, 403",
        "alice, GET, __ds/subscriptions/s1?path=users/alice/feed, 403",
    })
    void sourceOffsetsLookupStatus(String token, String method, String pathAndQuery, int expected) throws Exception {
        HttpResponse<String> response = CLIENT.send(request(token, method, pathAndQuery),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
        if (expected == 403 && method.equals("GET") && pathAndQuery.startsWith("__ds/source-offsets?path=")) {
            assertThat(response.body()).contains("read").contains("write");
        } else if (expected == 403 && pathAndQuery.startsWith("__ds/")) {
            assertThat(response.body()).contains("admin");
        }
    }

    private static HttpRequest request(String token, String method, String path) {
        String query = token.startsWith("query:") ? "?offset=-1&token=" + TOKENS.get(token.substring(6)) : "";
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri("/v1/stream/" + path + query))
                .timeout(Duration.ofSeconds(10))
                .method(method, method.equals("POST") || method.equals("PUT") || method.equals("PATCH")
                        ? HttpRequest.BodyPublishers.ofString("x") : HttpRequest.BodyPublishers.noBody());
        if (token.startsWith("cookie:")) {
            b.header("Cookie", "theme=dark; dsk_token=" + TOKENS.get(token.substring(7)));
        } else if (token.equals("basic")) {
            b.header("Authorization", "Basic YWxpY2U6cGFzcw==");
        } else if (token.equals("bearer-empty")) {
            b.header("Authorization", "Bearer ");
        } else if (!token.equals("-") && !token.startsWith("query:")) {
            b.header("Authorization", "Bearer " + TOKENS.get(token));
        }
        return b.build();
    }
}
