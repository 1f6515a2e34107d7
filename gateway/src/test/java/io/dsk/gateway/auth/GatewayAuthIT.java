package io.dsk.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.dsk.gateway.GatewayServer;
import io.dsk.gateway.GatewaySettings;
import io.dsk.gateway.config.ConfigValues;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The auth chain wired the way the gateway wires it: options from the merged configuration, filters into the server. */
class GatewayAuthIT {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final String SECRET = "gateway-auth-it-secret-0123456789abcdef";

    private static String token(String subject) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().subject(subject)
                .audience("dsk").expirationTime(Date.from(Instant.now().plusSeconds(300))).build());
        jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private static HttpResponse<String> send(String base, String method, String path, String token, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "text/plain");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theGatewayServesStreamsBehindAuthAndLeavesOperationsOpen() throws Exception {
        ConfigValues config = ConfigValues.ofCommandLine(Map.of(
                AuthSettings.ENABLED, "true", AuthSettings.JWT_HMAC_SECRET, SECRET,
                AuthSettings.JWT_AUDIENCE, "dsk",
                "auth-grants-read", "users/{sub}/**", "auth-grants-write", "users/{sub}/**",
                RateLimitSettings.IP_RATE, "1000"));
        AuthSettings auth = AuthSettings.from(config);
        RateLimitSettings limits = RateLimitSettings.from(config);
        config.rejectUnknown();
        String alice = token("alice");
        GatewaySettings settings = GatewaySettings.builder().host("127.0.0.1").port(0).inMemory(true).build();
        try (GatewayServer server = GatewayServer.start(settings, AuthHandlers.filters(auth, limits)::apply, null)) {
            String base = server.url();

            assertThat(send(base, "PUT", "/v1/stream/users/alice/feed", null, "").statusCode()).isEqualTo(401);
            assertThat(send(base, "PUT", "/v1/stream/users/alice/feed", alice, "").statusCode()).isEqualTo(201);
            assertThat(send(base, "POST", "/v1/stream/users/alice/feed", alice, "hi").statusCode()).isBetween(200, 204);
            assertThat(send(base, "POST", "/v1/stream/users/alice/feed", token("bob"), "x").statusCode())
                    .isEqualTo(403);
            HttpResponse<String> read = send(base, "GET", "/v1/stream/users/alice/feed?offset=-1", alice, null);
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(read.body()).isEqualTo("hi");
            assertThat(read.headers().firstValue("Cache-Control")).get().asString().startsWith("private");

            assertThat(send(base, "GET", "/healthz", null, null).statusCode()).isEqualTo(200);
            HttpResponse<String> metrics = send(base, "GET", "/metrics", null, null);
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("status=\"401\"").contains("status=\"403\"").doesNotContain(alice);
        }
    }
}
