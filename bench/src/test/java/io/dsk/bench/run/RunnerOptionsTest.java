package io.dsk.bench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RunnerOptionsTest {

    @Test
    void parsesEveryOption() {
        RunnerOptions o = RunnerOptions.parse(new String[] {"--scenario", "appends", "--rounds", "5", "--seconds", "2",
            "--results", "out", "--set", "writers=1,16", "--set", "payload=100", "--gateway-heap", "1g"});
        assertThat(o.scenario).isEqualTo("appends");
        assertThat(o.rounds).isEqualTo(5);
        assertThat(o.seconds).isEqualTo(2);
        assertThat(o.results).isEqualTo(Path.of("out"));
        assertThat(o.set).containsEntry("writers", "1,16").containsEntry("payload", "100");
        assertThat(o.gatewayHeap).isEqualTo("1g");
    }

    @Test
    void scenarioIsRequired() {
        assertThatThrownBy(() -> RunnerOptions.parse(new String[] {"--rounds", "1"}))
                .hasMessageContaining("--scenario is required");
    }

    @Test
    void mistakesNameTheOption() {
        assertThatThrownBy(() -> RunnerOptions.parse(new String[] {"--scenario", "a", "--rounds", "many"}))
                .hasMessageContaining("--rounds takes a whole number");
        assertThatThrownBy(() -> RunnerOptions.parse(new String[] {"--scenario", "a", "--set", "novalue"}))
                .hasMessageContaining("--set takes key=value");
        assertThatThrownBy(() -> RunnerOptions.parse(new String[] {"--scenario", "a", "--color", "x"}))
                .hasMessageContaining("unknown option --color");
        assertThatThrownBy(() -> RunnerOptions.parse(new String[] {"--scenario"}))
                .hasMessageContaining("needs a value");
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
}
