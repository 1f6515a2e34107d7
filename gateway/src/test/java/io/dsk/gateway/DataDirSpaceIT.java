package io.dsk.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The free space of the data directory, as /readyz and /metrics report it. */
class DataDirSpaceIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    Path dataDir;

    @Test
    void readyzAndMetricsReportTheFreeSpaceOfTheDataDir() throws Exception {
        long free = Files.getFileStore(dataDir).getUsableSpace();
        try (GatewayServer server = GatewayServer.start(GatewaySettings.builder().port(0).dataDir(dataDir).build())) {
            HttpResponse<String> ready = get(server, "/readyz");
            HttpResponse<String> metrics = get(server, "/metrics");

            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).startsWith("ready\n");
            assertThat(value(ready.body(), "data-dir-free-bytes: ([0-9]+)")).isPositive()
                    .isCloseTo(free, org.assertj.core.data.Percentage.withPercentage(10));
            assertThat(value(metrics.body(), "\ndsk_data_dir_free_bytes ([0-9.E]+)\n")).isPositive()
                    .isCloseTo(free, org.assertj.core.data.Percentage.withPercentage(10));
        }
    }

    @Test
    void anInMemoryGatewayHasNoDataDirToReport() throws Exception {
        try (GatewayServer server = GatewayServer.start(GatewaySettings.builder().port(0).inMemory(true).build())) {
            assertThat(get(server, "/readyz").body()).isEqualTo("ready\n");
            assertThat(get(server, "/metrics").body()).doesNotContain("dsk_data_dir_free_bytes");
        }
    }

    private static long value(String text, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(text);
        assertThat(m.find()).as("%s in %s", pattern, text).isTrue();
        return (long) Double.parseDouble(m.group(1));
    }

    private static HttpResponse<String> get(GatewayServer server, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
