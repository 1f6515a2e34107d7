package io.dsk.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.dsk.bench.measure.LatencyHistogram;
import io.dsk.bench.report.Direction;
import io.dsk.bench.report.Figure;
import io.dsk.bench.report.ScenarioReport;
import io.dsk.bench.report.Target;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class E2eResultsTest {

    @TempDir
    Path dir;

    private final E2eSettings settings = E2eSettings.from(Map.of("e2e.rates", "1000,10000"));
    private final E2eResults results = new E2eResults(settings);
    private final ScenarioReport report = ScenarioReport.of("e2e", "test");

    @Test
    void p99AtTenThousandRecordsPerSecondCarriesTheAbsoluteTarget() {
        addBothServers(1_000, 20_000, 40_000);
        addBothServers(10_000, 50_000, 150_000);

        results.writeTo(report, name -> dir.resolve(name + ".png"));

        Figure target = figure("Kafka-to-subscriber p99", 10_000);
        assertThat(target.target()).contains(Target.absoluteAtMost(100));
        assertThat(target.dsk()).hasSize(1);
        assertThat(target.dsk().get(0)).isBetween(50.0, 50.5);
        assertThat(target.reference().get(0)).isBetween(150.0, 151.5);
        assertThat(target.targetMet()).contains(true);
        assertThat(figure("Kafka-to-subscriber p99", 1_000).target()).isEmpty();
        assertThat(figure("Kafka-to-subscriber p50", 1_000).better()).isEqualTo(Direction.LOWER);
    }

    @Test
    void everyRoundIsOneSample() {
        results.add("dsk", 1_000, 0, run(10_000, 0));
        results.add("dsk", 1_000, 1, run(30_000, 0));
        results.add("dsk", 10_000, 0, run(10_000, 0));

        results.writeTo(report, name -> dir.resolve(name + ".png"));

        assertThat(figure("Kafka-to-subscriber max", 1_000).dsk()).satisfiesExactly(
                max -> assertThat(max).isBetween(10.0, 10.01), max -> assertThat(max).isBetween(30.0, 30.03));
        assertThat(figure("Kafka-to-subscriber max", 1_000).reference()).isEmpty();
    }

    @Test
    void aCdfPlotIsWrittenPerRate() {
        addBothServers(1_000, 1_000, 2_000);
        addBothServers(10_000, 1_000, 2_000);

        results.writeTo(report, name -> dir.resolve(name + ".png"));

        assertThat(dir.resolve("latency-cdf-1000.png")).isNotEmptyFile();
        assertThat(dir.resolve("latency-cdf-10000.png")).isNotEmptyFile();
    }

    @Test
    void saturationFiguresArePerTaskAndHigherIsBetter() {
        addBothServers(1_000, 1_000, 2_000);
        addBothServers(10_000, 1_000, 2_000);
        results.addSaturation("dsk", new SaturationRun.Result(9_000, 12_000, 0.5));
        results.addSaturation("reference", new SaturationRun.Result(6_000, 8_000, 0.3));

        results.writeTo(report, name -> dir.resolve(name + ".png"));

        Figure steady = report.figures().stream()
                .filter(f -> f.name().equals("connector rec/s per task (first to last commit)"))
                .findFirst().orElseThrow();
        assertThat(steady.dsk()).containsExactly(12_000.0);
        assertThat(steady.reference()).containsExactly(8_000.0);
        assertThat(steady.better()).isEqualTo(Direction.HIGHER);
        assertThat(steady.ratio().getAsDouble()).isEqualTo(1.5);
    }

    @Test
    void missingDeliveriesAreCalledOutInTheNotes() {
        results.add("dsk", 1_000, 0, run(1_000, 7));
        results.add("dsk", 10_000, 0, run(1_000, 0));

        results.writeTo(report, name -> dir.resolve(name + ".png"));

        assertThat(report.notes()).anyMatch(n -> n.contains("dsk at 1,000 rec/s: 7 deliveries missing"));
        assertThat(report.notes()).anyMatch(n -> n.startsWith("Every latency run"));
    }

    @Test
    void generatorCpuIsTheLargestShareOfAnyRun() {
        results.add("dsk", 1_000, 0, run(1_000, 0));
        results.add("dsk", 10_000, 0, run(1_000, 0));

        results.writeTo(report, name -> dir.resolve(name + ".png"));

        assertThat(report.loadGeneratorCpu()).hasValue(0.05);
    }

    private void addBothServers(int rate, long dskMicros, long referenceMicros) {
        results.add("dsk", rate, 0, run(dskMicros, 0));
        results.add("reference", rate, 0, run(referenceMicros, 0));
    }

    private Figure figure(String name, int rate) {
        return report.figures().stream().filter(f -> f.name().equals(name) && f.params().get("rec/s").equals(rate))
                .findFirst().orElseThrow();
    }

    /** A run in which every one of 100 measured deliveries took {@code micros}. */
    private static LatencyResult run(long micros, long missing) {
        LatencyHistogram latencies = new LatencyHistogram();
        LatencyHistogram kafka = new LatencyHistogram();
        for (int i = 0; i < 100; i++) {
            latencies.recordNanos(micros * 1_000);
            kafka.recordNanos(micros * 1_000 / 2);
        }
        return new LatencyResult(latencies, kafka, 100, 200, 200 - missing, 0, 0, 16, 1.5, 0.05, 0.4, 1.0, 0.2,
                List.of());
    }
}
