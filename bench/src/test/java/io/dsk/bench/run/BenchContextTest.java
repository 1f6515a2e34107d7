package io.dsk.bench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchContextTest {

    @TempDir
    Path dir;

    private BenchContext context(Map<String, String> options) {
        return new BenchContext(new BenchSettings(3, Duration.ofSeconds(5), dir, dir.resolve("results"), options,
                dir.resolve("missing.jar"), dir, "512m", "4g", Duration.ofSeconds(30), LocalDate.of(2026, 11, 24), "cmd"));
    }

    @Test
    void theGatewayReadyLineGivesTheStreamRoot() {
        assertThat(BenchContext.gatewayReadyLine("08:00:01 INFO GatewayServer - dsk-gateway listening on "
                + "http://127.0.0.1:40123")).isEqualTo(URI.create("http://127.0.0.1:40123/v1/stream/"));
        assertThat(BenchContext.gatewayReadyLine("starting RocksDB")).isNull();
    }

    @Test
    void optionsFallBackToTheirDefaults() {
        BenchContext c = context(Map.of("writers", "1,16, 64", "bytes", "1_000_000"));
        assertThat(c.intListOption("writers", List.of(1))).containsExactly(1, 16, 64);
        assertThat(c.intListOption("streams", List.of(7))).containsExactly(7);
        assertThat(c.longOption("bytes", 0)).isEqualTo(1_000_000);
        assertThat(c.option("mode", "shared")).isEqualTo("shared");
    }

    @Test
    void badNumbersNameTheOption() {
        BenchContext c = context(Map.of("writers", "1,x", "bytes", "lots"));
        assertThatThrownBy(() -> c.intListOption("writers", List.of())).hasMessageContaining("--set writers=1,x");
        assertThatThrownBy(() -> c.longOption("bytes", 0)).hasMessageContaining("--set bytes=lots");
    }

    @Test
    void theGatewayHeapHasAFloorOfAQuarterOfItsCap() {
        assertThat(BenchContext.heapOptions("512m")).containsExactly("-Xmx512m", "-Xms131072k");
        assertThat(BenchContext.heapOptions("4G")).containsExactly("-Xmx4G", "-Xms1048576k");
        assertThat(BenchContext.heapOptions("8388608")).containsExactly("-Xmx8388608", "-Xms2048k");
    }

    @Test
    void aHeapSizeTheJvmWouldRefuseIsRefusedBeforeAnythingStarts() {
        for (String size : new String[] {"512MB", "", "1.5g", "-1m"}) {
            assertThatThrownBy(() -> new BenchSettings(1, Duration.ofSeconds(1), dir, dir, Map.of(), dir, dir, size, "4g",
                    Duration.ofSeconds(1), LocalDate.now(), "")).as(size).hasMessageContaining("e.g. 512m")
                    .hasMessageContaining("'" + size + "'");
        }
    }

    @Test
    void aMissingGatewayJarSaysHowToBuildIt() {
        assertThatThrownBy(() -> context(Map.of()).startGateway(Map.of()))
                .hasMessageContaining("no gateway jar").hasMessageContaining("-pl gateway -am package");
    }

    @Test
    void plotsGoIntoTheResultsDirectoryByDateAndScenario() {
        assertThat(context(Map.of()).plotFile("appends", "throughput"))
                .isEqualTo(dir.resolve("results/2026-11-24-appends-throughput.png"));
    }

    @Test
    void settingsRejectZeroRounds() {
        assertThatThrownBy(() -> new BenchSettings(0, Duration.ofSeconds(1), dir, dir, Map.of(), dir, dir, "1g", "4g",
                Duration.ofSeconds(1), LocalDate.now(), "")).hasMessageContaining("--rounds");
    }
}
