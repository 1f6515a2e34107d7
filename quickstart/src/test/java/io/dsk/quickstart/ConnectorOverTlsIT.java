package io.dsk.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.dsk.connector.DurableStreamsSinkConnector;
import io.dsk.connector.config.DurableStreamsSinkConfig;
import io.dsk.connector.delivery.client.AppendRequest;
import io.dsk.connector.delivery.client.CreateRequest;
import io.dsk.connector.delivery.client.HttpStreamTransport;
import io.dsk.connector.delivery.client.SourceRange;
import io.dsk.connector.delivery.client.TransportResponse;
import io.dsk.connector.delivery.client.TrustStores;
import io.dsk.gateway.GatewayServer;
import io.dsk.gateway.GatewaySettings;
import io.dsk.gateway.auth.AuthHandlers;
import io.dsk.gateway.auth.AuthSettings;
import io.dsk.gateway.auth.RateLimitSettings;
import io.dsk.gateway.tls.TlsContexts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connector's bearer token and trust store against a gateway that serves HTTPS (HTTP/2 by
 * ALPN) with JWT authorisation on: validation reaches it, streams are created and appended to with
 * the token, and without the trust store or the token it is refused with a clear reason.
 */
class ConnectorOverTlsIT {

    private static final String SECRET = "a-test-secret-that-is-at-least-32-bytes-long";
    private static final String STORE_PASSWORD = "gateway-store";
    private static final String TRUST_PASSWORD = "connector-trust";

    @TempDir
    static Path dir;

    private static GatewayServer gateway;
    private static Path trustStore;
    private static String base;

    @BeforeAll
    static void startHttpsGatewayWithAuth() throws Exception {
        Path keyStore = dir.resolve("gateway.p12");
        Path certificate = dir.resolve("gateway.crt");
        trustStore = dir.resolve("trust.p12");
        keytool("-genkeypair", "-alias", "gateway", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", STORE_PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "gateway", "-keystore", keyStore.toString(),
                "-storepass", STORE_PASSWORD, "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", "gateway", "-file", certificate.toString(),
                "-storetype", "PKCS12", "-keystore", trustStore.toString(), "-storepass", TRUST_PASSWORD);

        AuthSettings auth = AuthSettings.from(Map.of(
                "auth-enabled", "true", "auth-jwt-hmac-secret", SECRET, "auth-grants-claim", "dsk"));
        RateLimitSettings limits = RateLimitSettings.from(Map.of());
        gateway = GatewayServer.start(GatewaySettings.builder().inMemory(true).host("127.0.0.1").port(0).build(),
                next -> AuthHandlers.wrap(next, auth, limits),
                TlsContexts.fromKeyStore(keyStore, STORE_PASSWORD.toCharArray(), "PKCS12"));
        base = gateway.url() + "/v1/stream";
        assertThat(base).startsWith("https://");
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void validationReachesTheHttpsGatewayOnlyWithTheTrustStore() {
        Map<String, String> config = connectorConfig();
        assertThat(errors(config)).isEmpty();

        config.remove(DurableStreamsSinkConfig.TRUSTSTORE_LOCATION_CONFIG);
        config.remove(DurableStreamsSinkConfig.TRUSTSTORE_PASSWORD_CONFIG);
        assertThat(errors(config)).anySatisfy(e -> assertThat(e).startsWith(DurableStreamsSinkConfig.URL_CONFIG));
    }

    @Test
    void tokenAndTrustStoreCreateAndAppendOverHttps() throws Exception {
        SSLContext trust = TrustStores.sslContext(trustStore.toString(), TRUST_PASSWORD, "PKCS12");
        String token = token(Map.of("write", List.of("tls/**"), "read", List.of("tls/**")));
        try (HttpStreamTransport transport = new HttpStreamTransport(URI.create(base), token, trust, Duration.ofSeconds(10))) {
            assertThat(transport.create(new CreateRequest("tls/orders", "application/json", -1, ""))
                    .get(10, TimeUnit.SECONDS).status()).isEqualTo(201);
            TransportResponse appended = transport.append(new AppendRequest("tls/orders", "application/json",
                    "{\"order\":1}".getBytes(StandardCharsets.UTF_8), "p-1", 0, 0,
                    new SourceRange("orders", 0, 10, 10), false)).get(10, TimeUnit.SECONDS);
            assertThat(appended.status()).isEqualTo(200);
            assertThat(appended.sourceWatermark()).hasValue(10);
        }
        HttpClient reader = HttpClient.newBuilder().sslContext(trust).build();
        HttpResponse<String> read = reader.send(HttpRequest.newBuilder(URI.create(base + "/tls/orders?offset=-1"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(read.body()).isEqualTo("[{\"order\":1}]");
    }

    @Test
    void withoutTheTokenOrWithAnotherGrantTheGatewayRefuses() throws Exception {
        SSLContext trust = TrustStores.sslContext(trustStore.toString(), TRUST_PASSWORD, "PKCS12");
        try (HttpStreamTransport anonymous = new HttpStreamTransport(URI.create(base), null, trust, Duration.ofSeconds(10));
             HttpStreamTransport elsewhere = new HttpStreamTransport(URI.create(base),
                     token(Map.of("write", List.of("other/**"))), trust, Duration.ofSeconds(10))) {
            assertThat(anonymous.create(new CreateRequest("tls/anonymous", "application/json", -1, ""))
                    .get(10, TimeUnit.SECONDS).status()).isEqualTo(401);
            assertThat(elsewhere.create(new CreateRequest("tls/elsewhere", "application/json", -1, ""))
                    .get(10, TimeUnit.SECONDS).status()).isEqualTo(403);
        }
    }

    private static Map<String, String> connectorConfig() {
        Map<String, String> config = new HashMap<>();
        config.put("name", "tls-sink");
        config.put("connector.class", DurableStreamsSinkConnector.class.getName());
        config.put("topics", "orders");
        config.put(DurableStreamsSinkConfig.URL_CONFIG, base);
        config.put(DurableStreamsSinkConfig.TOKEN_CONFIG, token(Map.of("write", List.of("tls/**"))));
        config.put(DurableStreamsSinkConfig.TRUSTSTORE_LOCATION_CONFIG, trustStore.toString());
        config.put(DurableStreamsSinkConfig.TRUSTSTORE_PASSWORD_CONFIG, TRUST_PASSWORD);
        config.put(DurableStreamsSinkConfig.TRUSTSTORE_TYPE_CONFIG, "PKCS12");
        return config;
    }

    private static List<String> errors(Map<String, String> config) {
        List<String> errors = new ArrayList<>();
        for (ConfigValue value : new DurableStreamsSinkConnector().validate(config).configValues()) {
            value.errorMessages().forEach(m -> errors.add(value.name() + ": " + m));
        }
        return errors;
    }

    private static String token(Map<String, Object> grants) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                    .subject("connector").claim("dsk", grants)
                    .expirationTime(new Date(System.currentTimeMillis() + 600_000)).build());
            jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("keytool %s: %s", args[0], output).isZero();
    }
}
