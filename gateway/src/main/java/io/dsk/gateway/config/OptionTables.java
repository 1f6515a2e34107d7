package io.dsk.gateway.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The option tables of {@code docs/gateway.md} and {@code docs/auth.md}, generated from
 * {@link GatewayOptions}. Each table sits between the markers {@code <!-- options:GROUP -->} and
 * {@code <!-- /options:GROUP -->}; {@code GatewayDocsTest} fails when a table differs from the
 * registry. To regenerate after changing an option:
 *
 * <pre>
 * mvn -B -q -pl gateway -am -DskipTests package
 * java -cp gateway/target/dsk-gateway.jar io.dsk.gateway.config.OptionTables docs
 * </pre>
 */
public final class OptionTables {

    private OptionTables() {
    }

    /**
     * Rewrites the tables of every group in the docs folder.
     *
     * @param args one argument: the {@code docs} folder
     * @throws IOException if a document cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: OptionTables DOCS_DIR");
            System.exit(2);
            return;
        }
        Path docs = Path.of(args[0]);
        for (OptionGroup group : OptionGroup.values()) {
            Path file = docs.resolve(group.document());
            String text = Files.readString(file, StandardCharsets.UTF_8);
            String updated = withTable(text, group);
            if (!updated.equals(text)) {
                Files.writeString(file, updated, StandardCharsets.UTF_8);
                System.out.println("updated the " + group.id() + " options in " + file);
            }
        }
    }

    /**
     * @param group a group
     * @return its markdown table, one row per option
     */
    public static String table(OptionGroup group) {
        List<String> rows = new ArrayList<>();
        rows.add("| Option | Environment | Value | Default | What it does |");
        rows.add("| --- | --- | --- | --- | --- |");
        for (GatewayOption<?> option : GatewayOptions.inGroup(group)) {
            if (option.commandLineOnly()) {
                rows.add("| `" + option.flag() + "` | | | | " + cell(option.description()) + " |");
                continue;
            }
            String value = option.isFlag() ? "[" + option.label() + "]" : option.label();
            rows.add("| `" + option.flag() + "` | `" + option.environmentName() + "` | " + value + " | "
                    + cell(option.documentedDefault()) + " | " + cell(option.description()) + " |");
        }
        return String.join("\n", rows) + "\n";
    }

    /** The opening marker of a group's table. */
    public static String begin(OptionGroup group) {
        return "<!-- options:" + group.id() + " (generated from GatewayOptions; see OptionTables) -->\n";
    }

    /** The closing marker of a group's table. */
    public static String end(OptionGroup group) {
        return "<!-- /options:" + group.id() + " -->";
    }

    /**
     * @param document a document holding the group's markers
     * @param group the group
     * @return the table currently between the markers
     * @throws IllegalArgumentException if the markers are missing
     */
    public static String currentTable(String document, OptionGroup group) {
        int from = document.indexOf(begin(group));
        int to = document.indexOf(end(group));
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("no markers for the " + group.id() + " options: "
                    + begin(group).strip() + " ... " + end(group));
        }
        return document.substring(from + begin(group).length(), to);
    }

    /**
     * @param document a document holding the group's markers
     * @param group the group
     * @return the document with the group's table generated afresh
     */
    public static String withTable(String document, OptionGroup group) {
        String current = currentTable(document, group);
        int from = document.indexOf(begin(group)) + begin(group).length();
        return document.substring(0, from) + table(group) + document.substring(from + current.length());
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
