package io.dsk.quickstart.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.dsk.connector.DurableStreamsSinkConnector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Generates {@code deploy/strimzi/connectors/}: one Strimzi {@code KafkaConnector} per folder of
 * {@code config-examples/} (from its {@code connector.json}) and the {@code kustomization.yaml}
 * that lists them, so the Kubernetes connectors cannot drift from the tested examples.
 *
 * <p>The examples read their secrets from a file on the Connect worker,
 * {@code ${file:/etc/dsk/secrets.properties:KEY}}; on Strimzi the same value comes from the worker's
 * environment, {@code ${env:DSK_KEY}} (upper case, {@code .} and {@code -} as {@code _}), which
 * {@code deploy/strimzi/kafka-connect.yaml} fills from a Secret. Any other reference to a file, and
 * a literal value for a password option of the connector, are refused: a secret never lands in a
 * manifest.
 *
 * <p>Regenerate after changing {@code config-examples/}:
 * {@value #REGENERATE}
 */
public final class StrimziConnectors {

    /** The command that rewrites the checked-in directory, for messages and docs. */
    public static final String REGENERATE = "mvn -B -q -pl quickstart -am package -DskipITs "
            + "-Dtest=StrimziConnectorsTest -Dsurefire.failIfNoSpecifiedTests=false -Ddsk.regenerate=true";
    /** The {@code KafkaConnect} resource the connectors run on ({@code strimzi.io/cluster}). */
    public static final String CONNECT_CLUSTER = "dsk-connect";
    public static final String API_VERSION = "kafka.strimzi.io/v1";
    public static final String SECRETS_FILE = "/etc/dsk/secrets.properties";

    private static final Pattern FILE_REFERENCE = Pattern.compile("\\$\\{file:([^:}]*):([^}]*)}");
    private static final Pattern ANY_PROVIDER_REFERENCE = Pattern.compile("\\$\\{[^}:]+:[^}]*}");
    private static final String KUSTOMIZATION = "kustomization.yaml";

    private final ObjectMapper json = new ObjectMapper();
    private final ObjectMapper yaml = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build());
    private final Set<String> passwordKeys = new DurableStreamsSinkConnector().config().configKeys().values().stream()
            .filter(key -> key.type == ConfigDef.Type.PASSWORD).map(key -> key.name).collect(Collectors.toSet());

    /**
     * Writes the generated files into {@code out}, replacing every {@code .yaml} file there.
     *
     * @param args the {@code config-examples} directory and the output directory
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: StrimziConnectors CONFIG_EXAMPLES_DIR OUTPUT_DIR");
            System.exit(2);
        }
        new StrimziConnectors().write(Path.of(args[0]), Path.of(args[1]));
    }

    /**
     * Writes {@link #render(Path)} into {@code out}, deleting the {@code .yaml} files it no longer holds.
     *
     * @param examples the {@code config-examples} directory
     * @param out the output directory, created if missing
     * @throws IOException if a file cannot be read or written
     */
    public void write(Path examples, Path out) throws IOException {
        Map<String, String> files = render(examples);
        Files.createDirectories(out);
        try (Stream<Path> existing = Files.list(out)) {
            for (Path stale : existing.filter(p -> p.getFileName().toString().endsWith(".yaml")).toList()) {
                if (!files.containsKey(stale.getFileName().toString())) {
                    Files.delete(stale);
                }
            }
        }
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(out.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
        }
    }

    /**
     * @param examples the {@code config-examples} directory
     * @return file names to contents: one {@code <example>.yaml} per example folder holding a
     *     {@code connector.json}, in name order, and {@code kustomization.yaml}
     * @throws IOException if an example cannot be read
     * @throws IllegalArgumentException if an example holds a secret or a reference that cannot be carried over
     */
    public Map<String, String> render(Path examples) throws IOException {
        List<String> names;
        try (Stream<Path> dirs = Files.list(examples)) {
            names = dirs.filter(d -> Files.isRegularFile(d.resolve("connector.json")))
                    .map(d -> d.getFileName().toString()).sorted().toList();
        }
        Map<String, String> files = new LinkedHashMap<>();
        for (String name : names) {
            files.put(name + ".yaml", connector(name, examples.resolve(name).resolve("connector.json")));
        }
        files.put(KUSTOMIZATION, kustomization(files.keySet()));
        return files;
    }

    /**
     * @param key a key of the examples' secrets file, e.g. {@code connector.token}
     * @return the environment variable that carries it on the Connect workers, e.g. {@code DSK_CONNECTOR_TOKEN}
     */
    public static String environmentVariable(String key) {
        return "DSK_" + key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private String connector(String name, Path file) throws IOException {
        JsonNode example = json.readTree(file.toFile());
        String source = "config-examples/" + name + "/connector.json";
        if (!name.equals(example.path("name").asText())) {
            throw new IllegalArgumentException(source + ": \"name\" must be the folder's name, " + name);
        }
        Map<String, String> config = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = example.path("config").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            config.put(entry.getKey(), carriedOver(source, entry.getKey(), entry.getValue().asText()));
        }
        String connectorClass = config.remove("connector.class");
        String tasksMax = config.remove("tasks.max");
        if (connectorClass == null || tasksMax == null) {
            throw new IllegalArgumentException(source + ": needs connector.class and tasks.max");
        }

        ObjectNode resource = yaml.createObjectNode();
        resource.put("apiVersion", API_VERSION);
        resource.put("kind", "KafkaConnector");
        ObjectNode metadata = resource.putObject("metadata");
        metadata.put("name", name);
        metadata.putObject("labels").put("strimzi.io/cluster", CONNECT_CLUSTER);
        ObjectNode spec = resource.putObject("spec");
        spec.put("class", connectorClass);
        if (!tasksMax.matches("[1-9][0-9]{0,5}")) {
            throw new IllegalArgumentException(source + ": tasks.max must be a positive whole number, not " + tasksMax);
        }
        spec.put("tasksMax", Integer.parseInt(tasksMax));
        ObjectNode specConfig = spec.putObject("config");
        config.forEach(specConfig::put);
        return "# Generated from " + source + " by " + StrimziConnectors.class.getName() + "; do not edit.\n"
                + "# Regenerate: " + REGENERATE + "\n"
                + yaml.writeValueAsString(resource);
    }

    private String carriedOver(String source, String key, String value) {
        Matcher file = FILE_REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (file.find()) {
            if (!file.group(1).equals(SECRETS_FILE)) {
                throw new IllegalArgumentException(source + ": " + key + " reads " + file.group(1)
                        + "; only " + SECRETS_FILE + " is carried over to the Connect workers' environment");
            }
            file.appendReplacement(out, Matcher.quoteReplacement("${env:" + environmentVariable(file.group(2)) + "}"));
        }
        file.appendTail(out);
        String carried = out.toString();
        if (passwordKeys.contains(key) && !ANY_PROVIDER_REFERENCE.matcher(carried).find()) {
            throw new IllegalArgumentException(source + ": " + key + " holds a literal secret; use ${file:"
                    + SECRETS_FILE + ":KEY} so that it stays out of the manifests");
        }
        return carried;
    }

    private static String kustomization(Iterable<String> connectorFiles) {
        List<String> lines = new ArrayList<>();
        lines.add("# Generated by " + StrimziConnectors.class.getName() + " from config-examples/; do not edit.");
        lines.add("# Regenerate: " + REGENERATE);
        lines.add("resources:");
        connectorFiles.forEach(f -> lines.add("- " + f));
        return String.join("\n", lines) + "\n";
    }
}
