package io.dsk.gateway.subscriptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** Sends one webhook request; the JDK client in production, a fake in tests. */
public interface WebhookSender {

    /** The webhook's answer: status and body (at most a few KB are looked at). */
    record Answer(int status, byte[] body) {
    }

    /** POSTs {@code body} with its {@code Webhook-Signature}; completes with the answer or fails. */
    CompletableFuture<Answer> post(URI url, byte[] body, String signature);

    /**
     * The JDK HTTP client: never follows redirects (a redirect could point anywhere, so it counts as a
     * failed delivery), 5 s to connect, {@code timeout} for the answer.
     */
    static WebhookSender http(Duration timeout, Executor executor) {
        HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(executor)
                .build();
        return (url, body, signature) -> client.sendAsync(HttpRequest.newBuilder(url)
                        .timeout(timeout)
                        .header("Content-Type", "application/json")
                        .header("Webhook-Signature", signature)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(), HttpResponse.BodyHandlers.ofInputStream())
                .thenApplyAsync(r -> new Answer(r.statusCode(), head(r.body())), executor);
    }

    /** The first {@value #ANSWER_BYTES} bytes of an answer body; the rest is not read. */
    private static byte[] head(InputStream in) {
        try (in) {
            return in.readNBytes(ANSWER_BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Most bytes of a webhook's answer that are read. */
    int ANSWER_BYTES = 64 << 10;
}
