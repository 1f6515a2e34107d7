package io.dsk.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class E2eSettingsTest {

    @Test
    void defaultsFollowTheIssue() {
        E2eSettings s = E2eSettings.from(Map.of());

        assertThat(s.rates()).containsExactly(1_000, 10_000);
        assertThat(s.streams()).isEqualTo(8);
        assertThat(s.subscribers()).isEqualTo(16);
        assertThat(s.partitions()).isEqualTo(4);
        assertThat(s.tasks()).isEqualTo(1);
        assertThat(s.payloadBytes()).isEqualTo(200);
        assertThat(s.warmup()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.saturationRecords()).isEqualTo(200_000);
        assertThat(s.warmupRecords()).isEqualTo(50_000);
        assertThat(s.servers()).containsExactly("dsk", "reference");
        assertThat(s.connectorOverrides()).isEmpty();
    }

    @Test
    void scenarioOptionsAreRead() {
        E2eSettings s = E2eSettings.from(Map.of("e2e.rates", "500, 2_000", "e2e.streams", "3",
                "e2e.subscribers-per-stream", "4", "e2e.tasks", "2", "e2e.saturation-records", "0"));

        assertThat(s.rates()).containsExactly(500, 2_000);
        assertThat(s.subscribers()).isEqualTo(12);
        assertThat(s.tasks()).isEqualTo(2);
        assertThat(s.saturationRecords()).isZero();
    }

    @Test
    void connectorAndConsumerSettingsPassThroughAndOtherOptionsDoNot() {
        E2eSettings s = E2eSettings.from(Map.of("ds.linger.ms", "1",
                "consumer.override.fetch.max.wait.ms", "50", "writers", "16"));

        Map<String, String> config = s.connectorConfig("c1", "t1", "http://127.0.0.1:1/v1/stream");

        assertThat(config).containsEntry("ds.linger.ms", "1")
                .containsEntry("consumer.override.fetch.max.wait.ms", "50")
                .containsEntry("name", "c1")
                .containsEntry("topics", "t1")
                .containsEntry("ds.url", "http://127.0.0.1:1/v1/stream")
                .containsEntry("ds.stream.template", "${topic}/${key}")
                .containsEntry("ds.content.type", "application/json")
                .containsEntry("tasks.max", "1")
                .doesNotContainKey("writers");
    }

    @Test
    void overrideReplacesADefaultOfTheScenario() {
        E2eSettings s = E2eSettings.from(Map.of("ds.content.type", "application/x-ndjson"));

        assertThat(s.connectorConfig("c", "t", "u")).containsEntry("ds.content.type", "application/x-ndjson");
    }

    @Test
    void badRateNamesTheOption() {
        assertThatThrownBy(() -> E2eSettings.from(Map.of("e2e.rates", "1000,fast")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("e2e.rates=1000,fast");
        assertThatThrownBy(() -> E2eSettings.from(Map.of("e2e.rates", "0")))
                .hasMessageContaining("positive");
    }

    @Test
    void countBelowItsMinimumNamesTheOptionAndTheRange() {
        assertThatThrownBy(() -> E2eSettings.from(Map.of("e2e.streams", "0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("e2e.streams=0")
                .hasMessageContaining("between 1 and");
        assertThatThrownBy(() -> E2eSettings.from(Map.of("e2e.payload", "20")))
                .hasMessageContaining("between " + RecordStamp.MIN_PAYLOAD_BYTES);
        assertThatThrownBy(() -> E2eSettings.from(Map.of("e2e.partitions", "four")))
                .hasMessageContaining("expected a whole number");
    }

    @Test
    void serversCanBeChosenAndOrdered() {
        assertThat(E2eSettings.from(Map.of("e2e.servers", "reference, dsk")).servers())
                .containsExactly("reference", "dsk");
        assertThat(E2eSettings.from(Map.of("e2e.servers", "dsk")).servers()).containsExactly("dsk");
    }

    @Test
    void unknownOrRepeatedServerIsRefused() {
        assertThatThrownBy(() -> E2eSettings.from(Map.of("e2e.servers", "dsk,node")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("e2e.servers=dsk,node");
        assertThatThrownBy(() -> E2eSettings.from(Map.of("e2e.servers", "dsk,dsk")))
                .hasMessageContaining("each once");
    }

    @Test
    void missingPluginZipNamesTheOption(@TempDir Path dir) {
        E2eSettings s = E2eSettings.from(Map.of("e2e.plugin-zip", dir.resolve("none.zip").toString()));

        assertThatThrownBy(s::resolvePluginZip).hasMessageContaining("e2e.plugin-zip");
    }

    @Test
    void configuredPluginZipIsUsed(@TempDir Path dir) throws Exception {
        Path zip = java.nio.file.Files.createFile(dir.resolve("dsk-connector-1.zip"));

        assertThat(E2eSettings.from(Map.of("e2e.plugin-zip", zip.toString())).resolvePluginZip()).isEqualTo(zip);
    }
}
