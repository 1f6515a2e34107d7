package io.dsk.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.dsk.gateway.auth.Action;
import io.dsk.gateway.auth.AuthHandlers;
import io.dsk.gateway.auth.AuthSettings;
import io.dsk.gateway.auth.RateLimitSettings;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS with HTTP/2 from PEM files and key stores. Certificates are made by the JDK's keytool,
 * so the test needs nothing beyond the JDK.
 */
class TlsIT {

    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path dir;

    private static Path rsaStore;
    private static Path ecStore;

    @BeforeAll
    static void generateCertificates() throws Exception {
        rsaStore = keytool("rsa.p12", "-keyalg", "RSA", "-keysize", "2048");
        ecStore = keytool("ec.p12", "-keyalg", "EC", "-groupname", "secp256r1");
    }

    private static Path keytool(String name, String... keyOptions) throws Exception {
        Path store = dir.resolve(name);
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
                "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD), "-noprompt"));
        command.addAll(Arrays.asList(keyOptions));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return store;
    }

    private static KeyStore load(Path store) throws Exception {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, PASSWORD);
        }
        return keyStore;
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    /** Writes the store's certificate and key as PEM; returns {cert, key}. */
    private static Path[] exportPem(Path store, String prefix, boolean pkcs1) throws Exception {
        KeyStore keyStore = load(store);
        Certificate cert = keyStore.getCertificate("server");
        PrivateKey key = (PrivateKey) keyStore.getKey("server", PASSWORD);
        Path certFile = Files.writeString(dir.resolve(prefix + "-cert.pem"),
                "subject=CN=localhost\n" + pem("CERTIFICATE", cert.getEncoded()));
        String keyPem = pkcs1 ? pem("RSA PRIVATE KEY", innerOctetString(key.getEncoded()))
                : pem("PRIVATE KEY", key.getEncoded());
        Path keyFile = Files.writeString(dir.resolve(prefix + "-key.pem"), keyPem);
        return new Path[] {certFile, keyFile};
    }

    /** The PKCS#1 key inside a PKCS#8 PrivateKeyInfo: SEQUENCE { INTEGER, SEQUENCE, OCTET STRING }. */
    private static byte[] innerOctetString(byte[] pkcs8) {
        int[] at = {0};
        readHeader(pkcs8, at);
        int versionLength = readHeader(pkcs8, at);
        at[0] += versionLength;
        int algorithmLength = readHeader(pkcs8, at);
        at[0] += algorithmLength;
        int keyLength = readHeader(pkcs8, at);
        return Arrays.copyOfRange(pkcs8, at[0], at[0] + keyLength);
    }

    private static int readHeader(byte[] der, int[] at) {
        at[0]++;
        int first = der[at[0]++] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int length = 0;
        for (int i = 0; i < (first & 0x7f); i++) {
            length = (length << 8) | (der[at[0]++] & 0xff);
        }
        return length;
    }

    /** Serves one request over HTTPS with HTTP/2 and returns "version body". */
    private static String fetchOverTls(SSLContext serverContext, Path trustedStore) throws Exception {
        HttpResponse<String> response = fetchOverTls(serverContext, trustedStore, exchange ->
                exchange.getResponseSender().send("tls ok " + exchange.getProtocol()), "/v1/stream/x", null);
        return response.version() + " " + response.body();
    }

    private static HttpResponse<String> fetchOverTls(SSLContext serverContext, Path trustedStore, HttpHandler handler,
            String path, String bearer) throws Exception {
        Undertow server = HttpsListener.addTo(Undertow.builder().setHandler(handler), "127.0.0.1", 0, serverContext)
                .build();
        server.start();
        try {
            int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                    .sslContext(trusting(trustedStore)).connectTimeout(Duration.ofSeconds(10)).build();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(20));
            if (bearer != null) {
                request.header("Authorization", "Bearer " + bearer);
            }
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } finally {
            server.stop();
        }
    }

    /** A client context trusting exactly the certificate in the store. */
    private static SSLContext trusting(Path store) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", load(store).getCertificate("server"));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    @Test
    void servesHttp2FromAnRsaPkcs8PemPair() throws Exception {
        Path[] pem = exportPem(rsaStore, "rsa", false);

        assertThat(fetchOverTls(TlsContexts.fromPem(pem[0], pem[1]), rsaStore)).isEqualTo("HTTP_2 tls ok HTTP/2.0");
    }

    @Test
    void servesHttp2FromAnEcPkcs8PemPair() throws Exception {
        Path[] pem = exportPem(ecStore, "ec", false);

        assertThat(fetchOverTls(TlsContexts.fromPem(pem[0], pem[1]), ecStore)).isEqualTo("HTTP_2 tls ok HTTP/2.0");
    }

    @Test
    void servesHttp2FromAPkcs1RsaKey() throws Exception {
        Path[] pem = exportPem(rsaStore, "rsa-pkcs1", true);

        assertThat(Files.readString(pem[1])).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(fetchOverTls(TlsContexts.fromPem(pem[0], pem[1]), rsaStore)).isEqualTo("HTTP_2 tls ok HTTP/2.0");
    }

    @Test
    void servesHttp2FromAKeyStoreNamedInOptions() throws Exception {
        TlsSettings settings = TlsSettings.from(Map.of(TlsSettings.KEYSTORE, rsaStore.toString(),
                TlsSettings.KEYSTORE_PASSWORD, new String(PASSWORD), TlsSettings.KEYSTORE_TYPE, "pkcs12"));

        assertThat(settings.enabled()).isTrue();
        assertThat(fetchOverTls(TlsContexts.from(settings), rsaStore)).isEqualTo("HTTP_2 tls ok HTTP/2.0");
    }

    @Test
    void authGuardsStreamsServedOverHttp2() throws Exception {
        Path[] pem = exportPem(ecStore, "ec-auth", false);
        SSLContext context = TlsContexts.fromPem(pem[0], pem[1]);
        byte[] secret = "a-shared-secret-of-at-least-32-bytes!".getBytes(StandardCharsets.US_ASCII);
        HttpHandler streams = AuthHandlers.wrap(exchange -> exchange.getResponseSender().send("stream"),
                AuthSettings.builder().enabled(true).hmacSecret(secret).grant(Action.READ, "users/{sub}/**").build(),
                RateLimitSettings.disabled());
        SignedJWT signed = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .subject("alice").expirationTime(Date.from(Instant.now().plusSeconds(300))).build());
        signed.sign(new MACSigner(secret));

        HttpResponse<String> anonymous = fetchOverTls(context, ecStore, streams, "/v1/stream/users/alice/a", null);
        HttpResponse<String> granted = fetchOverTls(context, ecStore, streams, "/v1/stream/users/alice/a",
                signed.serialize());
        HttpResponse<String> denied = fetchOverTls(context, ecStore, streams, "/v1/stream/users/bob/a",
                signed.serialize());
        HttpResponse<String> traversal = fetchOverTls(context, ecStore, streams, "/v1/stream/users/alice/%2e%2e/bob",
                signed.serialize());

        assertThat(granted.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(granted.statusCode()).isEqualTo(200);
        assertThat(granted.headers().firstValue("Cache-Control")).contains("private");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(traversal.statusCode()).isEqualTo(400);
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefusedAtStartUp() throws Exception {
        Path[] rsa = exportPem(rsaStore, "mismatch-rsa", false);
        Path otherRsa = keytool("other.p12", "-keyalg", "RSA", "-keysize", "2048");
        Path[] other = exportPem(otherRsa, "mismatch-other", false);

        assertThatThrownBy(() -> TlsContexts.fromPem(rsa[0], other[1]))
                .isInstanceOf(IOException.class).hasMessageContaining("is not the private key");
    }

    @Test
    void unsupportedKeyFormsNameTheFixInTheError() throws Exception {
        Path[] pem = exportPem(rsaStore, "forms", false);
        Path encrypted = Files.writeString(dir.resolve("enc.pem"), pem("ENCRYPTED PRIVATE KEY", new byte[] {1, 2, 3}));
        Path sec1 = Files.writeString(dir.resolve("sec1.pem"), pem("EC PRIVATE KEY", new byte[] {1, 2, 3}));
        Path empty = Files.writeString(dir.resolve("empty.pem"), "nothing here\n");

        assertThatThrownBy(() -> TlsContexts.fromPem(pem[0], encrypted)).hasMessageContaining("unencrypted");
        assertThatThrownBy(() -> TlsContexts.fromPem(pem[0], sec1)).hasMessageContaining("openssl pkcs8");
        assertThatThrownBy(() -> TlsContexts.fromPem(pem[0], empty)).hasMessageContaining("no PEM block");
        assertThatThrownBy(() -> TlsContexts.fromPem(pem[1], pem[1])).hasMessageContaining("no CERTIFICATE");
        assertThatThrownBy(() -> TlsContexts.fromKeyStore(rsaStore, "wrong".toCharArray(), "PKCS12"))
                .hasMessageContaining("tls-keystore-password");
    }
}
