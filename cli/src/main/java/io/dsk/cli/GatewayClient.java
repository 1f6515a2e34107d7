package io.dsk.cli;

import io.dsk.path.StreamPath;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import javax.net.ssl.SSLException;

/**
 * Sends requests to one gateway: builds the URLs of streams and control APIs, adds the bearer token
 * and the timeout, and turns what cannot be sent into a {@link CommandFailure} that names the URL.
 * The one place that talks HTTP.
 */
final class GatewayClient {

    /** Control APIs live under this name after {@link StreamPath#URL_PREFIX}. */
    static final String CONTROL = StreamPath.URL_PREFIX + StreamPath.CONTROL_SEGMENT + "/";
    private static final int MAX_REFUSAL_BYTES = 4096;
    /** How much longer than {@code --timeout} a live read may take: more than a gateway's long-poll timeout. */
    static final Duration LIVE_READ_GRACE = Duration.ofMinutes(2);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final String base;
    private final String token;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param base the gateway's base URL, e.g. {@code http://127.0.0.1:4437}, without a trailing {@code /}
     * @param token a bearer token, or null
     * @param timeout how long to wait for a connection and for an answer that is not a live read
     */
    GatewayClient(String base, String token, Duration timeout) {
        this.base = base;
        this.token = token;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .version(base.regionMatches(true, 0, "https:", 0, 6) ? HttpClient.Version.HTTP_2
                        : HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    boolean hasToken() {
        return token != null;
    }

    /**
     * A request for a stream's URL.
     *
     * @param path the stream
     * @param query the query without {@code ?}, or empty
     */
    HttpRequest.Builder stream(StreamPath path, String query) {
        return request(StreamPath.URL_PREFIX + path.toUrlPath() + (query.isEmpty() ? "" : "?" + query));
    }

    /**
     * A request for a control API under {@code /v1/stream/__ds/}.
     *
     * @param api its name, e.g. {@code streams}
     * @param query the query without {@code ?}, or empty
     */
    HttpRequest.Builder control(String api, String query) {
        return request(CONTROL + api + (query.isEmpty() ? "" : "?" + query));
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + pathAndQuery));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    /**
     * Encodes a query parameter's value: UTF-8, every byte but {@code A-Z a-z 0-9 - . _ ~} as {@code %XX}.
     *
     * @param value the value
     */
    static String queryValue(String value) {
        return value.isEmpty() ? "" : StreamPath.encodeSegment(value);
    }

    /**
     * Sends a request and returns the answer, whatever its status; the caller closes its body.
     *
     * @param request the request, from {@link #stream} or {@link #control}
     * @param live whether it is a live read, which the gateway may hold open for its long-poll timeout: it
     *     waits {@link #LIVE_READ_GRACE} longer than other requests, so a connection that died silently still
     *     ends
     * @return the answer
     * @throws CommandFailure (transient) when there is no answer: no connection, a timeout, a broken connection
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    HttpResponse<InputStream> send(HttpRequest.Builder request, boolean live) throws InterruptedException {
        Duration wait = live ? timeout.plus(LIVE_READ_GRACE) : timeout;
        HttpRequest built = request.timeout(wait).build();
        try {
            return http.send(built, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw unreachable(built.uri(), e, wait);
        }
    }

    /**
     * Reads a refusal's reason and describes it.
     *
     * @param answer an answer that is not a success
     * @param subject what the request was about, e.g. {@code stream chat/room-1}
     */
    CommandFailure refused(HttpResponse<InputStream> answer, String subject) {
        byte[] body;
        try (InputStream in = answer.body()) {
            body = in.readNBytes(MAX_REFUSAL_BYTES);
        } catch (IOException e) {
            body = new byte[0];
        }
        Refusal refusal = Refusal.of(answer.statusCode(), answer.headers(), body);
        return new CommandFailure(FailureReasons.describe(refusal, subject, hasToken()),
                FailureReasons.kind(answer.statusCode()));
    }

    /**
     * How long to wait before sending a request again.
     *
     * @param failures how many times in a row it failed, at least 1
     * @return 250 ms, doubling per failure, at most 5 s
     */
    static Duration backoff(int failures) {
        long millis = FIRST_BACKOFF.toMillis() << Math.min(Math.max(failures, 1) - 1, 10);
        return Duration.ofMillis(Math.min(millis, MAX_BACKOFF.toMillis()));
    }

    private CommandFailure unreachable(URI uri, IOException e, Duration waited) {
        String target = uri.getScheme() + "://" + uri.getAuthority();
        String change = "; is the gateway running? Point --url or DSK_URL at it";
        if (e instanceof HttpConnectTimeoutException) {
            return new CommandFailure("cannot connect to " + target + " within " + Durations.format(timeout)
                    + " (--timeout)" + change, CommandFailure.Kind.NOT_APPLIED);
        }
        if (e instanceof HttpTimeoutException) {
            return new CommandFailure("no answer from " + target + " within " + Durations.format(waited)
                    + "; raise --timeout", CommandFailure.Kind.OUTCOME_UNKNOWN);
        }
        if (e instanceof ConnectException) {
            Throwable cause = e.getCause();
            if (cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException) {
                return new CommandFailure("cannot resolve the host of " + target + change,
                        CommandFailure.Kind.NOT_APPLIED);
            }
            return new CommandFailure("cannot connect to " + target + " (connection refused)" + change,
                    CommandFailure.Kind.NOT_APPLIED);
        }
        if (e instanceof SSLException) {
            return new CommandFailure("TLS with " + target + " failed: " + e.getMessage() + "; for a certificate"
                    + " Java does not trust, set DSK_JAVA_OPTS=-Djavax.net.ssl.trustStore=FILE");
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new CommandFailure("request to " + target + " failed: " + message, CommandFailure.Kind.OUTCOME_UNKNOWN);
    }
}
