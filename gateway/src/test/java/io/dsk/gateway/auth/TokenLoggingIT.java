package io.dsk.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.dsk.gateway.http.RequestIdHandler;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Even at debug level, no log line carries a token, valid or not, whichever way it was sent; every
 * rejection names the request by the id its response returned.
 */
class TokenLoggingIT {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void tokensNeverReachTheLogs() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger auth = (Logger) LoggerFactory.getLogger("io.dsk.gateway.auth");
        Level previous = auth.getLevel();
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        auth.setLevel(Level.DEBUG);
        String valid = TestTokens.hs256(TestTokens.claims("alice").build());
        String expired = TestTokens.hs256(TestTokens.claims("alice")
                .expirationTime(Date.from(TestTokens.NOW.minusSeconds(600))).build());
        String forged = TestTokens.withFlippedSignature(valid);
        Set<String> answered = new HashSet<>();
        try (StubServer server = StubServer.start(AuthSettings.builder().enabled(true).hmacSecret(TestKeys.HMAC_SECRET)
                .tokenQuery(true).grant(Action.READ, "users/{sub}/**").build(), RateLimitSettings.disabled())) {
            for (String token : List.of(valid, expired, forged)) {
                for (String path : List.of("users/alice/a", "users/bob/a", "users/alice/%2e%2e/bob")) {
                    answered.add(send(server, path, "Authorization", "Bearer " + token));
                    answered.add(send(server, path + "?token=" + token, "X-Ignored", "1"));
                    answered.add(send(server, path, "Cookie", "dsk_token=" + token));
                }
            }
        } finally {
            root.detachAppender(captured);
            auth.setLevel(previous);
        }

        assertThat(captured.list).as("the rejections were logged at all").isNotEmpty();
        assertThat(captured.list).filteredOn(e -> e.getLoggerName().equals("io.dsk.gateway.auth.rejections"))
                .isNotEmpty()
                .allSatisfy(e -> assertThat(answered).contains(e.getMDCPropertyMap().get(RequestIdHandler.MDC_KEY)));
        for (ILoggingEvent event : captured.list) {
            String line = event.getFormattedMessage();
            for (String token : List.of(valid, expired, forged)) {
                assertThat(line).doesNotContain(token).doesNotContain(token.substring(token.lastIndexOf('.') + 1));
            }
        }
    }

    /** Sends a request; returns the id of its response. */
    private static String send(StubServer server, String pathAndQuery, String header, String value) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(server.uri("/v1/stream/" + pathAndQuery)).header(header, value)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).headers()
                .firstValue(RequestIdHandler.HEADER.toString()).orElseThrow();
    }
}
