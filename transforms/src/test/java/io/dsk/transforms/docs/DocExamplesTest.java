package io.dsk.transforms.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.dsk.transforms.StreamHeaders;
import io.dsk.transforms.TestRecords;

import org.apache.kafka.common.Configurable;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.transforms.Transformation;
import org.junit.jupiter.api.Test;

/** Every connector configuration example in {@code docs/transforms.md} configures, and the full chain works. */
class DocExamplesTest {

    private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern ENTRY = Pattern.compile("\"([^\"]+)\"\\s*:\\s*\"([^\"]*)\"");

    private static List<Map<String, String>> connectorExamples() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "transforms.md"), StandardCharsets.UTF_8);
        List<Map<String, String>> examples = new ArrayList<>();
        Matcher block = JSON_BLOCK.matcher(doc);
        while (block.find()) {
            Map<String, String> props = new LinkedHashMap<>();
            Matcher entry = ENTRY.matcher(block.group(1));
            while (entry.find()) {
                props.put(entry.group(1), entry.group(2));
            }
            if (props.containsKey("transforms")) {
                examples.add(props);
            }
        }
        return examples;
    }

    private static Map<String, String> withPrefix(Map<String, String> props, String prefix) {
        Map<String, String> scoped = new LinkedHashMap<>();
        props.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                scoped.put(key.substring(prefix.length()), value);
            }
        });
        return scoped;
    }

    private static <T extends Configurable> T configured(Map<String, String> props, String prefix) throws Exception {
        Map<String, String> scoped = withPrefix(props, prefix);
        assertThat(scoped).as("settings under %s", prefix).containsKey("type");
        @SuppressWarnings("unchecked")
        T plugin = (T) Class.forName(scoped.get("type")).getDeclaredConstructor().newInstance();
        plugin.configure(scoped);
        return plugin;
    }

    private static List<Transformation<SinkRecord>> chain(Map<String, String> props) throws Exception {
        for (String alias : props.getOrDefault("predicates", "").split(",")) {
            if (!alias.isBlank()) {
                configured(props, "predicates." + alias.trim() + ".");
            }
        }
        List<Transformation<SinkRecord>> chain = new ArrayList<>();
        for (String alias : props.get("transforms").split(",")) {
            chain.add(configuredTransformation(props, "transforms." + alias.trim() + "."));
        }
        return chain;
    }

    @SuppressWarnings("unchecked")
    private static Transformation<SinkRecord> configuredTransformation(Map<String, String> props, String prefix)
            throws Exception {
        Map<String, String> scoped = withPrefix(props, prefix);
        Transformation<SinkRecord> transformation = (Transformation<SinkRecord>) Class.forName(scoped.get("type"))
                .getDeclaredConstructor().newInstance();
        transformation.configure(scoped);
        return transformation;
    }

    @Test
    void everyExampleConfiguresItsTransformsAndPredicates() throws Exception {
        List<Map<String, String>> examples = connectorExamples();

        assertThat(examples).hasSizeGreaterThanOrEqualTo(7);
        for (Map<String, String> example : examples) {
            assertThat(chain(example)).hasSize(example.get("transforms").split(",").length);
        }
    }

    @Test
    void multiTenantChainRoutesADebeziumChangeToItsTenantsStream() throws Exception {
        Map<String, String> example = connectorExamples().stream()
                .filter(props -> props.containsKey("connector.class")).findFirst().orElseThrow();
        Schema keySchema = SchemaBuilder.struct().field("tenant_id", Schema.STRING_SCHEMA)
                .field("id", Schema.INT64_SCHEMA).build();
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("before", null);
        envelope.put("after", Map.of("tenant_id", "acme", "id", 7L, "total", 12));
        envelope.put("op", "c");
        envelope.put("source", Map.of("table", "orders", "ts_ms", 0L));
        SinkRecord record = TestRecords.withSchema(keySchema, new Struct(keySchema).put("tenant_id", "acme").put("id", 7L),
                null, envelope);

        for (Transformation<SinkRecord> transformation : chain(example)) {
            record = transformation.apply(record);
        }

        assertThat(TestRecords.streamHeader(record)).isEqualTo("tenants/acme/orders");
        assertThat(StreamHeaders.closesStream(record.headers())).isFalse();
        @SuppressWarnings("unchecked")
        Map<String, Object> message = (Map<String, Object>) record.value();
        assertThat(message).containsEntry("type", "order").containsEntry("key", "7");
    }
}
