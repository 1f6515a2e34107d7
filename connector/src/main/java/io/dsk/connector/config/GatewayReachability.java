package io.dsk.connector.config;

import io.dsk.connector.delivery.client.TrustStores;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.apache.kafka.common.config.types.Password;

/**
 * Checks that the configured server answers at all. Any HTTP answer to a GET of the base URL counts:
 * the check is protocol-neutral, so it works with any Durable Streams server and any auth setup.
 */
public final class GatewayReachability {

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
     * @param config the configuration
     * @return a message naming the key to change, or {@code null} when the server answered
     */
    public static Problem check(DurableStreamsSinkConfig config) {
        SSLContext ssl;
        try {
            ssl = sslContext(config);
        } catch (IOException | GeneralSecurityException e) {
            return new Problem(DurableStreamsSinkConfig.TRUSTSTORE_LOCATION_CONFIG, "Cannot load the trust store "
                    + config.truststoreLocation() + " (" + e.getMessage() + "). Check "
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
        HttpClient client = builder.build();
        try {
            client.send(HttpRequest.newBuilder(url).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return null;
        } catch (IOException e) {
            return new Problem(DurableStreamsSinkConfig.URL_CONFIG, "Cannot reach the Durable Streams server at "
                    + url + " (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + "). Check " + DurableStreamsSinkConfig.URL_CONFIG + (url.getScheme().equals("https")
                    ? " and " + DurableStreamsSinkConfig.TRUSTSTORE_LOCATION_CONFIG : "")
                    + ", and that the server is running.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Problem(DurableStreamsSinkConfig.URL_CONFIG, "Interrupted while checking " + url);
        }
    }

    /**
     * A reachability problem.
     *
     * @param key     the configuration key to change
     * @param message what failed and how to fix it
     */
    public record Problem(String key, String message) {
    }
}
