package io.dsk.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.dsk.gateway.ops.GatewayMetrics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Keeps the option table of {@code docs/gateway.md} in step with {@link GatewaySettingsLoader#OPTIONS}. */
class GatewayDocsTest {

    private static final Path DOC = Path.of("..", "docs", "gateway.md");

    @Test
    void optionTableListsExactlyTheLoadersOptionsWithTheirDefaults() throws Exception {
        Map<String, List<String>> rows = optionRows();

        for (GatewaySettingsLoader.Option option : GatewaySettingsLoader.OPTIONS) {
            List<String> cells = rows.remove("--" + option.name());
            assertThat(cells).as("row for --%s in %s", option.name(), DOC).isNotNull();
            assertThat(cells.get(1)).as("environment variable of --%s", option.name())
                    .isEqualTo("`" + option.environmentName() + "`");
            assertThat(cells.get(2)).as("value form of --%s", option.name()).isEqualTo(option.valueForm());
            assertThat(cells.get(3).replace("`", "")).as("default of --%s", option.name())
                    .isEqualTo(option.documentedDefault());
            assertThat(cells.get(4)).as("description of --%s", option.name()).isEqualTo(option.description());
        }
        assertThat(rows.keySet()).as("rows for options the loader does not have")
                .containsExactlyInAnyOrder("--" + GatewaySettingsLoader.CONFIG, "--" + GatewaySettingsLoader.HELP);
    }

    @Test
    void everyMetricFamilyIsDocumented() throws Exception {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        List<String> families = Arrays.stream(new GatewayMetrics().scrape().split("\n"))
                .filter(line -> line.startsWith("# TYPE "))
                .map(line -> line.split(" ")[2])
                .collect(Collectors.toList());

        assertThat(families).isNotEmpty().allSatisfy(name -> assertThat(doc).contains("`" + name + "`"));
    }

    private static Map<String, List<String>> optionRows() throws Exception {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(DOC, StandardCharsets.UTF_8)) {
            if (line.startsWith("| `--")) {
                List<String> cells = Arrays.stream(line.substring(1, line.length() - 1).split("\\|"))
                        .map(String::strip).collect(Collectors.toList());
                rows.put(cells.get(0).replace("`", ""), cells);
            }
        }
        return rows;
    }
}
