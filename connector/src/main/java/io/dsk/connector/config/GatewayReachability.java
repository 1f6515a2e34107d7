package io.dsk.connector.config;

import io.dsk.connector.delivery.client.TrustStores;
import io.dsk.protocol.HeaderNames;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.apache.kafka.common.config.types.Password;

/**
 * Checks that {@code ds.url} serves the Durable Streams protocol, without writing anything: it sends
 * {@code POST <ds.url>/dsk-connector-check} with a {@code Producer-Id} but no epoch or sequence, which
 * every Durable Streams server MUST refuse with {@code 400} (PROTOCOL section 5.2.1). The answer is
 * classified by {@link #verdict}: {@code 400} confirms the URL; an answer that auth, a rate limit or a
 * server fault may have given cannot confirm it and is no error; any other answer (a web page, a
 * {@code 404} of a path outside the streams, a redirect) means the URL does not serve the protocol. A
 * server that does not answer at all is not an error either: deployments are not ordered, so the
 * connector may be created before its server is up, and its tasks retry until it answers.
 */
public final class GatewayReachability {

    /** The stream path the check posts to; the request is refused before any stream is looked up. */
    static final String CHECK_PATH = "dsk-connector-check";
    private static final String PROTOCOL_PATH = "/v1/stream";

    private GatewayReachability() {
    }

    /**
     * Builds the TLS context the configuration asks for.
     *
     * @param config the configuration
     * @return the context, or {@code null} for the JVM default
     * @throws IOException              if the trust store cannot be read
     * @throws GeneralSecurityException if the trust store cannot be loaded
     */
    public static SSLContext sslContext(DurableStreamsSinkConfig config) throws IOException, GeneralSecurityException {
        if (config.truststoreLocation().isEmpty()) {
            return null;
        }
        Password password = config.truststorePassword();
        return TrustStores.sslContext(config.truststoreLocation(), password == null ? null : password.value(),
                config.truststoreType());
    }

    /**
     * Checks the server at {@code ds.url}.
     *
     * @param config the configuration
     * @return what the check found, with a message naming the key to change where one should change
     */
    public static Verdict check(DurableStreamsSinkConfig config) {
        SSLContext ssl;
        try {
            ssl = sslContext(config);
        } catch (IOException | GeneralSecurityException e) {
            return new Verdict(Verdict.Kind.NOT_PROTOCOL, DurableStreamsSinkConfig.TRUSTSTORE_LOCATION_CONFIG,
                    "Cannot load the trust store " + config.truststoreLocation() + " (" + e.getMessage() + "). Check "
                    + DurableStreamsSinkConfig.TRUSTSTORE_LOCATION_CONFIG + ", "
                    + DurableStreamsSinkConfig.TRUSTSTORE_PASSWORD_CONFIG + " and "
                    + DurableStreamsSinkConfig.TRUSTSTORE_TYPE_CONFIG + ".");
        }
        URI url = config.url();
        Duration timeout = Duration.ofMillis(Math.min(config.requestTimeoutMs(), 10_000));
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout);
        if (ssl != null) {
            builder.sslContext(ssl);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + "/" + CHECK_PATH)).timeout(timeout)
                .header(HeaderNames.PRODUCER_ID, CHECK_PATH)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody());
        Password token = config.token();
        if (token != null && !token.value().isEmpty()) {
            request.header("Authorization", "Bearer " + token.value());
        }
        try {
            int status = builder.build().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            return verdict(url, status);
        } catch (IOException e) {
            if (untrusted(e)) {
                // The server answered, with a certificate this connector does not trust: a setting to change.
                return new Verdict(Verdict.Kind.NOT_PROTOCOL, DurableStreamsSinkConfig.URL_CONFIG,
                        "The TLS handshake with " + url + " failed (" + e.getMessage() + "). Set "
                        + DurableStreamsSinkConfig.TRUSTSTORE_LOCATION_CONFIG + " and "
                        + DurableStreamsSinkConfig.TRUSTSTORE_PASSWORD_CONFIG
                        + " to a trust store that holds the server's certificate or its issuer.");
            }
            return new Verdict(Verdict.Kind.UNREACHABLE, DurableStreamsSinkConfig.URL_CONFIG,
                    "Cannot reach the Durable Streams server at " + url + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "). Check "
                    + DurableStreamsSinkConfig.URL_CONFIG + (url.getScheme().equals("https")
                    ? " and " + DurableStreamsSinkConfig.TRUSTSTORE_LOCATION_CONFIG : "")
                    + ", and that the server is running; the connector's tasks retry until it answers.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Verdict(Verdict.Kind.UNREACHABLE, DurableStreamsSinkConfig.URL_CONFIG,
                    "Interrupted while checking " + url);
        }
    }

    private static boolean untrusted(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SSLHandshakeException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Classifies the server's answer to the check's request.
     *
     * @param url    the configured {@code ds.url}
     * @param status the HTTP status of the answer
     * @return the verdict
     */
    public static Verdict verdict(URI url, int status) {
        String key = DurableStreamsSinkConfig.URL_CONFIG;
        if (status == 400) {
            return new Verdict(Verdict.Kind.PROTOCOL, key, "The Durable Streams server at " + url + " answers.");
        }
        if (status == 401 || status == 403 || status == 429 || status >= 500) {
            return new Verdict(Verdict.Kind.UNCONFIRMED, key, "The server at " + url + " answered HTTP " + status
                    + " to the check, so it could not confirm that " + key + " serves the Durable Streams protocol."
                    + (status == 401 || status == 403 ? " Check " + DurableStreamsSinkConfig.TOKEN_CONFIG + "." : ""));
        }
        return new Verdict(Verdict.Kind.NOT_PROTOCOL, key, "The server at " + url + " does not serve the Durable"
                + " Streams protocol there: POST " + url + "/" + CHECK_PATH + " with an incomplete set of producer"
                + " headers was answered HTTP " + status + " instead of 400. Set " + key + " to the base URL of the"
                + " streams, e.g. " + suggestion(url) + ".");
    }

    private static String suggestion(URI url) {
        return url.getScheme() + "://" + url.getRawAuthority() + PROTOCOL_PATH;
    }

    /**
     * What the check found.
     *
     * @param kind    the finding
     * @param key     the configuration key it concerns
     * @param message what was found and, where something should change, which key and how
     */
    public record Verdict(Kind kind, String key, String message) {

        /** The findings. */
        public enum Kind {
            /** The server refused the check as the protocol requires. */
            PROTOCOL,
            /** An answer that auth, a rate limit or a server fault may have given; no error. */
            UNCONFIRMED,
            /** No answer at all; no error, since the server may start after the connector. */
            UNREACHABLE,
            /** An answer no Durable Streams server gives there, or a trust store that cannot load; an error. */
            NOT_PROTOCOL
        }

        /** @return whether creating the connector should be refused */
        public boolean isError() {
            return kind == Kind.NOT_PROTOCOL;
        }
    }
}
