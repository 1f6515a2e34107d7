package io.dsk.bench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static org.assertj.core.api.Assertions.entry;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RunnerOptionsTest {

    @Test
    void parsesEveryOption() {
        RunnerOptions o = parse("--scenario", "appends", "--rounds", "5", "--seconds", "2",
            "--results", "out", "--set", "writers=1,16", "--set", "payload=100", "--gateway-heap", "1g",
            "--set", "note=busy machine, a=b");
        assertThat(o.scenario).isEqualTo("appends");
        assertThat(o.rounds).isEqualTo(5);
        assertThat(o.seconds).isEqualTo(2);
        assertThat(o.results).isEqualTo(Path.of("out"));
        assertThat(o.set).containsExactly(entry("writers", "1,16"), entry("payload", "100"),
                entry("note", "busy machine, a=b"));
        assertThat(o.gatewayHeap).isEqualTo("1g");
    }

    @Test
    void everyOptionHasItsDocumentedDefault() {
        RunnerOptions o = parse("--scenario", "all");
        assertThat(o.rounds).isEqualTo(3);
        assertThat(o.seconds).isEqualTo(10);
        assertThat(o.results).isEqualTo(Path.of("bench/results"));
        assertThat(o.gatewayJar).isEqualTo(Path.of("gateway/target/dsk-gateway.jar"));
        assertThat(o.nodeDir).isEqualTo(Path.of("bench/node"));
        assertThat(o.gatewayHeap).isEqualTo("512m");
        assertThat(o.gatewayMemoryHeap).isEqualTo("4g");
        assertThat(o.longPollTimeoutMillis).isEqualTo(30_000);
        assertThat(o.workDir).isNull();
        assertThat(o.set).isEmpty();
    }

    @Test
    void scenarioIsRequired() {
        assertThatThrownBy(() -> parse("--rounds", "1")).hasMessageContaining("Missing required option: '--scenario");
    }

    @Test
    void mistakesNameTheOption() {
        assertThatThrownBy(() -> parse("--scenario", "a", "--rounds", "many"))
                .hasMessageContaining("'--rounds'").hasMessageContaining("'many' is not an int");
        assertThatThrownBy(() -> parse("--scenario", "a", "--set", "novalue"))
                .hasMessageContaining("'--set' (key=value) should be in KEY=VALUE format");
        assertThatThrownBy(() -> parse("--scenario"))
                .hasMessageContaining("Missing required parameter for option '--scenario'");
    }

    @Test
    void anUnknownOptionIsAnErrorNamingTheNearestKnownOne() {
        assertThatThrownBy(() -> parse("--scenario", "a", "--round", "3"))
                .hasMessageContaining("Unknown options: '--round'")
                .hasMessageContaining("did you mean --rounds")
                .hasMessageContaining("Usage:");
    }

    @Test
    void helpPrintsTheUsageWithEveryOption() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThat(CommandLineOptions.parse(new RunnerOptions(), new String[] {"--help"},
                new PrintStream(out, true, StandardCharsets.UTF_8))).isEmpty();

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage:", "io.dsk.bench.run.BenchRunner",
                "--scenario", "--rounds", "--seconds", "--results", "--set", "--gateway-jar", "--node-dir",
                "--gateway-heap", "--long-poll-timeout-ms", "--work-dir", "default 512m");
    }

    @Test
    void theReportedCommandQuotesArgumentsWithSpaces() {
        assertThat(BenchRunner.shellQuoted(new String[] {"--set", "note=busy machine, it's shared", "--rounds", "3"}))
                .isEqualTo("--set 'note=busy machine, it'\\''s shared' --rounds 3");
    }

    @Test
    void theRunnerKnowsScenariosOneAndTwo() {
        assertThat(BenchRunner.choose("all")).extracting(Scenario::id).contains("appends", "catchup");
        assertThat(BenchRunner.choose("catchup")).singleElement().extracting(Scenario::id).isEqualTo("catchup");
    }

    @Test
    void unknownScenarioListsTheKnownOnes() {
        assertThatThrownBy(() -> BenchRunner.choose("nope")).hasMessageContaining("unknown scenario 'nope'");
    }

    private static RunnerOptions parse(String... args) {
        return CommandLineOptions.parse(new RunnerOptions(), args, System.out).orElseThrow();
    }
}
