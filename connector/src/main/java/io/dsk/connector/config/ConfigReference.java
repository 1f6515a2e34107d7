package io.dsk.connector.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;

/**
 * Generates the configuration reference of {@code docs/connector.md} from {@link DurableStreamsSinkConfig#CONFIG_DEF},
 * so the documentation cannot drift from the code. The generated part sits between two marker comments.
 */
public final class ConfigReference {

    /** Marks the start of the generated section. */
    public static final String START = "<!-- generated from DurableStreamsSinkConfig: start -->";
    /** Marks the end of the generated section. */
    public static final String END = "<!-- generated from DurableStreamsSinkConfig: end -->";

    private ConfigReference() {
    }

    /** @return the Markdown reference of every option, grouped as in the ConfigDef */
    public static String markdown() {
        ConfigDef def = DurableStreamsSinkConfig.CONFIG_DEF;
        StringBuilder out = new StringBuilder();
        List<String> groups = new ArrayList<>(def.groups());
        for (String group : groups) {
            out.append("### ").append(group).append("\n\n");
            for (ConfigDef.ConfigKey key : def.configKeys().values()) {
                if (group.equals(key.group)) {
                    option(out, key);
                }
            }
        }
        out.append("### Per-topic overrides\n\n");
        out.append("`").append(DurableStreamsSinkConfig.STREAM_TOPIC_PREFIX).append("<topic>`\n")
                .append(": Stream path template for records of `<topic>`, instead of `")
                .append(DurableStreamsSinkConfig.STREAM_TEMPLATE_CONFIG).append("`. Topic names may contain dots: ")
                .append("everything after the prefix is the topic.\n\n");
        out.append("`").append(DurableStreamsSinkConfig.CONTENT_TYPE_TOPIC_PREFIX).append("<topic>`\n")
                .append(": Content type of the streams fed from `<topic>`, instead of `")
                .append(DurableStreamsSinkConfig.CONTENT_TYPE_CONFIG).append("`. One of: ")
                .append(String.join(", ", StreamContentType.CHOICES.choices())).append(".\n");
        return out.toString();
    }

    private static void option(StringBuilder out, ConfigDef.ConfigKey key) {
        out.append("`").append(key.name).append("`\n");
        out.append(": ").append(key.documentation).append("\n\n");
        out.append("  - Type: ").append(key.type.name().toLowerCase(java.util.Locale.ROOT)).append("\n");
        out.append("  - Default: ").append(defaultText(key)).append("\n");
        if (key.validator != null && !key.validator.toString().isEmpty()) {
            out.append("  - Valid values: ").append(key.validator).append("\n");
        }
        out.append("  - Importance: ").append(key.importance.name().toLowerCase(java.util.Locale.ROOT)).append("\n\n");
    }

    private static String defaultText(ConfigDef.ConfigKey key) {
        if (!key.hasDefault()) {
            return "none (required)";
        }
        Object value = key.defaultValue;
        if (value == null) {
            return "none";
        }
        if (value instanceof Password) {
            return "none";
        }
        String text = value instanceof List ? String.join(",", ((List<?>) value).stream().map(String::valueOf)
                .toArray(String[]::new)) : String.valueOf(value);
        return text.isEmpty() ? "\"\" (empty)" : "`" + text + "`";
    }

    /**
     * Replaces the generated section of a document.
     *
     * @param document the whole document, which holds both markers
     * @return the document with a freshly generated section
     */
    public static String replaceSection(String document) {
        int start = document.indexOf(START);
        int end = document.indexOf(END);
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("the document lacks the markers " + START + " and " + END);
        }
        return document.substring(0, start + START.length()) + "\n\n" + markdown() + "\n" + document.substring(end);
    }

    /**
     * Rewrites the reference section of a Markdown file.
     *
     * @param args the file, e.g. {@code docs/connector.md}
     * @throws IOException if the file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "docs/connector.md");
        String document = Files.readString(file, StandardCharsets.UTF_8);
        Files.writeString(file, replaceSection(document), StandardCharsets.UTF_8);
    }
}
