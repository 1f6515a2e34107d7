package io.dsk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.dsk.gateway.auth.AuthHandlers;
import io.dsk.gateway.auth.AuthSettings;
import io.dsk.gateway.auth.RateLimitSettings;
import io.dsk.gateway.config.ConfigValues;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dsk against a gateway with auth on: tokens from --token, --token-file and DSK_TOKEN; 401 and 403 explained. */
class DskAuthIT {

    private static final String SECRET = "dsk-cli-auth-it-secret-0123456789abcdef";
    private static InProcessGateway gateway;

    @BeforeAll
    static void startGateway() throws Exception {
        ConfigValues config = ConfigValues.ofCommandLine(Map.of(
                AuthSettings.ENABLED, "true", AuthSettings.JWT_HMAC_SECRET, SECRET,
                AuthSettings.JWT_AUDIENCE, "dsk",
                "auth-grants-read", "users/{sub}/**", "auth-grants-write", "users/{sub}/**"));
        AuthSettings auth = AuthSettings.from(config);
        RateLimitSettings limits = RateLimitSettings.from(config);
        config.rejectUnknown();
        gateway = InProcessGateway.start(AuthHandlers.filters(auth, limits)::apply);
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
    }

    private static String token(String subject, String secret) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().subject(subject)
                .audience("dsk").expirationTime(Date.from(Instant.now().plusSeconds(300))).build());
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    @Test
    void withoutATokenTheGatewayWantsOneAndDskSaysWhereToPassIt() {
        DskRun.Result result = DskRun.against(gateway.url()).run("create", "users/alice/feed");
        assertThat(result.status()).isEqualTo(1);
        assertThat(result.stderr()).startsWith("dsk: error: the gateway wants a token")
                .endsWith("; pass one with --token, --token-file or DSK_TOKEN (HTTP 401)\n");
    }

    @Test
    void aBadTokenIsRefusedWithTheGatewaysReasonAndIsNeverPrinted() throws Exception {
        String forged = token("alice", "another-secret-of-at-least-32-bytes-xx");
        DskRun.Result result = DskRun.against(gateway.url()).run("--token", forged, "head", "users/alice/feed");
        assertThat(result.status()).isEqualTo(1);
        assertThat(result.stderr()).startsWith("dsk: error: the gateway refused the token")
                .contains("check --token, --token-file or DSK_TOKEN").endsWith("(HTTP 401)\n")
                .doesNotContain(forged);
        assertThat(result.stderr().lines()).hasSize(1);
    }

    @Test
    void aTokenFromTheOptionTheFileOrTheEnvironmentIsSent(@TempDir Path dir) throws Exception {
        String alice = token("alice", SECRET);
        DskRun dsk = DskRun.against(gateway.url());
        assertThat(dsk.run("--token", alice, "create", "users/alice/notes", "--content-type", "text/plain").status())
                .isZero();

        Path file = dir.resolve("token");
        Files.writeString(file, alice + "\n");
        DskRun.Result append = dsk.runWithInput("from a file;", "append", "users/alice/notes", "--token-file",
                file.toString());
        assertThat(append.status()).as(append.stderr()).isZero();

        DskRun fromEnvironment = DskRun.withEnvironment(Map.of(DskCommand.ENV_URL, gateway.url(),
                DskCommand.ENV_TOKEN, alice));
        DskRun.Result read = fromEnvironment.run("read", "users/alice/notes");
        assertThat(read.status()).as(read.stderr()).isZero();
        assertThat(read.out()).isEqualTo("from a file;");
        assertThat(fromEnvironment.run("offsets", "users/alice/notes", "--watermarks").status()).isZero();

        DskRun.Result missingFile = dsk.run("--token-file", dir.resolve("nope").toString(), "ls");
        assertThat(missingFile.status()).isEqualTo(1);
        assertThat(missingFile.stderr()).isEqualTo("dsk: error: token file " + dir.resolve("nope")
                + " does not exist\n");
    }

    @Test
    void aTokenWithoutTheGrantIsForbidden() throws Exception {
        String bob = token("bob", SECRET);
        DskRun dsk = DskRun.against(gateway.url());
        DskRun.Result write = dsk.runWithInput("x", "--token", bob, "append", "users/alice/feed",
                "--content-type", "text/plain");
        assertThat(write.status()).isEqualTo(1);
        assertThat(write.stderr()).startsWith("dsk: error: forbidden")
                .endsWith("; the token lacks a grant for this (HTTP 403)\n");
        DskRun.Result list = dsk.run("--token", bob, "ls");
        assertThat(list.status()).isEqualTo(1);
        assertThat(list.stderr()).startsWith("dsk: error: forbidden").endsWith("(HTTP 403)\n");
    }
}
