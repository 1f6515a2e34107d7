package io.dsk.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quickstart with {@code --gateway-option auth-enabled=true} and nothing else: it generates a
 * secret in the data directory, its three sample connectors write with a token of their own, and
 * it prints a read token that a person can paste into the console or a curl command.
 */
class QuickstartAuthIT {

    private static final Duration DELIVERY_DEADLINE = Duration.ofSeconds(90);

    @TempDir
    static Path dataDir;

    private static final ByteArrayOutputStream PRINTED = new ByteArrayOutputStream();
    private static QuickstartMain quickstart;
    private static StreamReads reads;
    private static String gatewayUrl;

    @BeforeAll
    static void startStack() throws Exception {
        PrintStream out = new PrintStream(new TeeStream(PRINTED, System.out), true, StandardCharsets.UTF_8);
        quickstart = new QuickstartMain(out);
        QuickstartMain.Running running = quickstart.start(QuickstartMain.Options.parse(new String[] {
            "--port", "0", "--data-dir", dataDir.toString(), "--gateway-option", "auth-enabled=true"}));
        gatewayUrl = running.gatewayUrl();
        reads = new StreamReads(gatewayUrl + "/v1/stream");
    }

    @AfterAll
    static void stopStack() {
        if (quickstart != null) {
            quickstart.close();
        }
    }

    @Test
    void sampleConnectorsWriteWithTheirTokenAndThePrintedTokenReadsEveryStream() throws Exception {
        String readToken = printedReadToken();
        StreamReads.Read customers = reads.awaitMessages("db/inventory/customers", readToken,
                messages -> !messages.isEmpty(), DELIVERY_DEADLINE);
        assertThat(customers.status()).as("read with the printed token: %s", customers.body()).isEqualTo(200);
        assertThat(customers.messages()).as("the customers connector delivered through auth").isNotEmpty();
        HttpResponse<String> list = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(gatewayUrl + "/v1/stream/__ds/streams?prefix=db/")).header("Authorization", "Bearer " + readToken)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(list.statusCode()).as("the read token lists streams, as the console does").isEqualTo(200);
        assertThat(list.body()).contains("db/inventory/customers");

        assertThat(reads.readAll("db/inventory/customers", null).status()).as("no token").isEqualTo(401);
    }

    @Test
    void theGeneratedSecretIsKeptInTheDataDirectoryForItsOwnerOnly() throws Exception {
        Path secret = dataDir.resolve("auth-hmac-secret");
        assertThat(Files.readAllBytes(secret)).hasSize(DataDirectory.SECRET_BYTES);
        assertThat(Files.getPosixFilePermissions(secret).stream().map(Enum::name).toList())
                .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
    }

    private static String printedReadToken() {
        List<String> lines = PRINTED.toString(StandardCharsets.UTF_8).lines().toList();
        for (int i = 0; i < lines.size() - 1; i++) {
            if (lines.get(i).startsWith("Read token for the console")) {
                return lines.get(i + 1).trim();
            }
        }
        throw new AssertionError("the quickstart printed no read token");
    }

    /** Writes to two streams: what the test inspects and the test log. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream first;
        private final java.io.OutputStream second;

        TeeStream(java.io.OutputStream first, java.io.OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public synchronized void write(int b) throws java.io.IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws java.io.IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }
    }
}
