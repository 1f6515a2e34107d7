package io.dsk.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.dsk.bench.run.CommandLineOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void parsesTheReadmeCommand() {
        BenchOptions o = parse("--records", "1000000", "--warmup-records", "300000", "--rounds", "3",
                "--set", "consumer.override.max.poll.records=5000", "--set", "ds.max.in.flight.requests=100",
                "--partitions", "6", "--streams", "100", "--tasks", "1", "--targets", "node,dsk");

        assertThat(o.records).isEqualTo(1_000_000);
        assertThat(o.warmupRecords).isEqualTo(300_000);
        assertThat(o.connectorSettings).containsExactly(entry("consumer.override.max.poll.records", "5000"),
                entry("ds.max.in.flight.requests", "100"));
        assertThat(o.targets).containsExactly("node", "dsk");
    }

    @Test
    void everyOptionHasItsDocumentedDefault() {
        BenchOptions o = parse();

        assertThat(o.records).isEqualTo(1_000_000);
        assertThat(o.partitions).isEqualTo(6);
        assertThat(o.streams).isEqualTo(100);
        assertThat(o.payload).isEqualTo(200);
        assertThat(o.rounds).isEqualTo(3);
        assertThat(o.warmupRecords).isEqualTo(100_000);
        assertThat(o.tasks).isEqualTo(1);
        assertThat(o.targets).containsExactly("dsk", "node");
        assertThat(o.offsetFlushMillis).isEqualTo(100);
        assertThat(o.pollMillis).isEqualTo(50);
        assertThat(o.timeoutSeconds).isEqualTo(600);
        assertThat(o.gatewayJar).isEqualTo(Path.of("gateway/target/dsk-gateway.jar"));
        assertThat(o.nodeDir).isEqualTo(Path.of("bench/node"));
        assertThat(o.pluginZip).isNull();
        assertThat(o.connectorSettings).isEmpty();
    }

    @Test
    void anUnknownOptionIsAnErrorNamingTheNearestKnownOne() {
        assertThatThrownBy(() -> parse("--record", "10"))
                .hasMessageContaining("Unknown options: '--record'")
                .hasMessageContaining("did you mean --records");
    }

    @Test
    void aConnectorSettingNeedsAName() {
        assertThatThrownBy(() -> parse("--set", "5000")).hasMessageContaining("'--set' (name=value) should be in KEY=VALUE format");
    }

    private static BenchOptions parse(String... args) {
        return CommandLineOptions.parse(new BenchOptions(), args, System.out).orElseThrow();
    }
}
