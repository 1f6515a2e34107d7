package io.dsk.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioReportTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 24);

    @TempDir
    Path results;

    private ScenarioReport sample() {
        return ScenarioReport.of("appends", "java ... --scenario appends")
                .figure(Figure.of("appends/s", "1/s", Map.of("writers", 16), List.of(3000.0, 1000.0, 2000.0),
                        List.of(100.0, 150.0, 50.0), Direction.HIGHER).withTarget(Target.ratioAtLeast(20)))
                .figure(Figure.of("append p99", "ms", Map.of("writers", 16), List.of(4.0), List.of(), Direction.LOWER))
                .note("Machine shared with other builds.")
                .loadGeneratorCpu(0.125)
                .environment("cores", "2")
                .plot(results.resolve("2026-11-24-appends-throughput.png"));
    }

    @Test
    void writesJsonWithSamplesSpreadRatioAndVerdict() throws Exception {
        ScenarioReport.ResultFiles files = sample().write(results, DAY);
        assertThat(files.json()).isEqualTo(results.resolve("2026-11-24-appends.json"));
        JsonNode root = new ObjectMapper().readTree(files.json().toFile());
        assertThat(root.get("scenario").asText()).isEqualTo("appends");
        assertThat(root.get("loadGeneratorCpuShare").asDouble()).isEqualTo(0.125);
        JsonNode first = root.get("figures").get(0);
        assertThat(first.get("params").get("writers").asInt()).isEqualTo(16);
        assertThat(first.get("dsk").get("median").asDouble()).isEqualTo(2000.0);
        assertThat(first.get("dsk").get("samples")).hasSize(3);
        assertThat(first.get("reference").get("max").asDouble()).isEqualTo(150.0);
        assertThat(first.get("ratio").asDouble()).isEqualTo(20.0);
        assertThat(first.get("target").get("kind").asText()).isEqualTo("RATIO_AT_LEAST");
        assertThat(first.get("met").asBoolean()).isTrue();
        JsonNode second = root.get("figures").get(1);
        assertThat(second.get("reference").isNull()).isTrue();
        assertThat(second.get("ratio").isNull()).isTrue();
        assertThat(root.get("plots").get(0).asText()).isEqualTo("2026-11-24-appends-throughput.png");
    }

    @Test
    void writesAMarkdownTableWithOneRowPerFigure() throws Exception {
        String md = Files.readString(sample().write(results, DAY).markdown());
        assertThat(md).startsWith("# appends (2026-11-24)");
        assertThat(md).contains("| figure | params | dsk median [min..max] | reference median [min..max] | ratio dsk/ref"
                + " | target | met |");
        assertThat(md).contains("| appends/s | writers=16 | 2,000 [1,000..3,000] 1/s | 100 [50.0..150] 1/s | 20.00× "
                + "| ≥ 20.0× | yes |");
        assertThat(md).contains("| append p99 | writers=16 | 4.00 ms | – | – | – | – |");
        assertThat(md).contains("Machine shared with other builds.");
        assertThat(md).contains("Load generator CPU: 13% of the machine.");
        assertThat(md).contains("![2026-11-24-appends-throughput.png](2026-11-24-appends-throughput.png)");
        assertThat(md).contains("- cores: 2");
    }

    @Test
    void aMissedTargetIsBold() {
        String md = ScenarioReport.of("catchup", "cmd")
                .figure(Figure.of("read MB/s", "MB/s", Map.of(), List.of(10.0), List.of(5.0), Direction.HIGHER)
                        .withTarget(Target.ratioAtLeast(20)))
                .toMarkdown(results, DAY);
        assertThat(md).contains("| 2.00× | ≥ 20.0× | **no** |");
    }

    @Test
    void scenarioIdsMustBeFileNameSafe() {
        assertThatThrownBy(() -> ScenarioReport.of("Fan Out", "cmd")).hasMessageContaining("lower-case");
    }

    @Test
    void cpuShareMustBeANonNegativeNumber() {
        assertThatThrownBy(() -> ScenarioReport.of("idle", "cmd").loadGeneratorCpu(-0.1))
                .hasMessageContaining(">= 0");
    }
}
