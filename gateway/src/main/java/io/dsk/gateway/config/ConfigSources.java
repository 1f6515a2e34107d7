package io.dsk.gateway.config;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** Reads the raw key and value pairs of the command line and of a config file. */
public final class ConfigSources {

    private ConfigSources() {
    }

    /**
     * Reads flags of the forms {@code --key value} and {@code --key=value}, and {@code --key}
     * alone for a boolean, with picocli over the registered options ({@link GatewayCommandLine}).
     *
     * @param args the command line
     * @return keys (without dashes) to values, in command-line order
     * @throws ConfigException for an unknown option, an argument that is not a flag, a flag given
     *     twice or a flag without its value
     */
    public static Map<String, String> commandLine(String... args) {
        return GatewayCommandLine.parse(args);
    }

    /**
     * Reads a Java properties file (UTF-8) whose keys are flag names without dashes.
     *
     * @param file the file
     * @return keys to values; blanks around values are dropped
     * @throws ConfigException if the file cannot be read
     */
    public static Map<String, String> propertiesFile(Path file) {
        return readPropertiesFile(file).values();
    }

    /**
     * Reads a Java properties file (UTF-8) with the line each key is on, for messages that name
     * {@code file:line}.
     *
     * @param file the file
     * @return the values and their lines
     * @throws ConfigException if the file cannot be read
     */
    public static PropertiesFile readPropertiesFile(Path file) {
        String text;
        Properties properties = new Properties();
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
            try (Reader reader = new StringReader(text)) {
                properties.load(reader);
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("--config: cannot read " + file + ": " + e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            values.put(key.strip(), properties.getProperty(key).strip());
        }
        return new PropertiesFile(file, values, lines(text.lines().toList(), values));
    }

    /** The first line that starts each key, 1-based; keys on continued lines may be missing. */
    private static Map<String, Integer> lines(List<String> lines, Map<String, String> values) {
        Map<String, Integer> found = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).stripLeading();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            int end = 0;
            while (end < line.length() && "=: \t".indexOf(line.charAt(end)) < 0) {
                end++;
            }
            String key = line.substring(0, end);
            if (values.containsKey(key)) {
                found.putIfAbsent(key, i + 1);
            }
        }
        return found;
    }

    /**
     * A config file as read.
     *
     * @param path the file
     * @param values keys to values
     * @param lines keys to the line they are on
     */
    public record PropertiesFile(Path path, Map<String, String> values, Map<String, Integer> lines) {

        public PropertiesFile {
            values = Map.copyOf(values);
            lines = Map.copyOf(lines);
        }
    }
}
