package io.dsk.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.dsk.gateway.config.GatewayOptions;
import io.dsk.gateway.config.OptionGroup;
import io.dsk.gateway.config.OptionTables;
import io.dsk.gateway.ops.GatewayMetrics;
import io.dsk.gateway.store.RocksDbKeyValueStore;
import io.dsk.gateway.store.StreamStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Keeps the option tables of {@code docs/gateway.md} and {@code docs/auth.md} equal to what
 * {@link OptionTables} generates from {@link GatewayOptions}.
 */
class GatewayDocsTest {

    private static final Path DOCS = Path.of("..", "docs");
    private static final Path DOC = DOCS.resolve("gateway.md");
    private static final String REGENERATE = "regenerate the tables: mvn -B -q -pl gateway -am -DskipTests package && "
            + "java -cp gateway/target/dsk-gateway.jar io.dsk.gateway.config.OptionTables docs";

    @ParameterizedTest
    @EnumSource(OptionGroup.class)
    void optionTableIsTheOneGeneratedFromTheRegistry(OptionGroup group) throws Exception {
        String doc = Files.readString(DOCS.resolve(group.document()), StandardCharsets.UTF_8);

        assertThat(OptionTables.currentTable(doc, group))
                .as("the %s options in docs/%s; %s", group.id(), group.document(), REGENERATE)
                .isEqualTo(OptionTables.table(group));
    }

    @Test
    void everyOptionHasARowInTheDocs() throws Exception {
        StringBuilder docs = new StringBuilder();
        for (String document : java.util.EnumSet.allOf(OptionGroup.class).stream().map(OptionGroup::document)
                .distinct().toList()) {
            docs.append(Files.readString(DOCS.resolve(document), StandardCharsets.UTF_8));
        }

        assertThat(GatewayOptions.ALL).allSatisfy(option -> assertThat(docs.toString())
                .contains("| `" + option.flag() + "` |"));
    }

    @Test
    void theGeneratorReplacesAStaleTableAndKeepsTheRest() {
        String stale = "intro\n" + OptionTables.begin(OptionGroup.TLS) + "| old |\n" + OptionTables.end(OptionGroup.TLS)
                + "\nafter\n";

        String fresh = OptionTables.withTable(stale, OptionGroup.TLS);

        assertThat(fresh).startsWith("intro\n").endsWith(OptionTables.end(OptionGroup.TLS) + "\nafter\n")
                .contains("| `--tls-keystore-type` | `DSK_TLS_KEYSTORE_TYPE` | TYPE | `PKCS12` |")
                .doesNotContain("| old |");
    }

    @Test
    void everyMetricFamilyIsDocumented(@TempDir Path dataDir) throws Exception {
        String doc = Files.readString(DOCS.resolve("operations.md"), StandardCharsets.UTF_8);
        GatewayMetrics metrics = new GatewayMetrics();
        String scrape;
        try (RocksDbKeyValueStore rocks = RocksDbKeyValueStore.open(dataDir)) {
            metrics.bindStore(new StreamStore(rocks), rocks);
            metrics.dataDirFreeBytesFrom(() -> 1);
            metrics.dataDirTotalBytesFrom(() -> 2);
            metrics.requestCompleted("read", 200);
            metrics.storeLatency("read", 1);
            scrape = metrics.scrape();
        } finally {
            metrics.close();
        }
        List<String> families = Arrays.stream(scrape.split("\n"))
                .filter(line -> line.startsWith("# TYPE "))
                .map(line -> line.split(" ")[2])
                .collect(Collectors.toList());

        assertThat(families).isNotEmpty().allSatisfy(name -> assertThat(doc).contains("`" + name + "`"));
    }
}
