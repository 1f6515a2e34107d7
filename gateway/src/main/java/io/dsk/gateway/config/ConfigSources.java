package io.dsk.gateway.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** Reads the raw key and value pairs of the command line and of a config file. */
public final class ConfigSources {

    private ConfigSources() {
    }

    /**
     * Reads flags of the forms {@code --key value}, {@code --key=value} and {@code --key} (a
     * flag followed by another flag or by nothing is {@code true}). Keys are not checked here; see
     * {@link ConfigValues#rejectUnknown()}.
     *
     * @param args the command line
     * @return keys (without dashes) to values, in command-line order
     * @throws ConfigException for an argument that is not a flag or a flag given twice
     */
    public static Map<String, String> commandLine(String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new ConfigException("unexpected argument '" + arg + "': options are written --name value; see --help");
            }
            String key;
            String value;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                key = arg.substring(2, eq);
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                key = arg.substring(2);
                value = args[++i];
            } else {
                key = arg.substring(2);
                value = "true";
            }
            if (values.putIfAbsent(key, value) != null) {
                throw new ConfigException("--" + key + " is given twice; give it once");
            }
        }
        return values;
    }

    /**
     * Reads a Java properties file (UTF-8) whose keys are flag names without dashes.
     *
     * @param file the file
     * @return keys to values; blanks around values are dropped
     * @throws ConfigException if the file cannot be read
     */
    public static Map<String, String> propertiesFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("--config: cannot read " + file + ": " + e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            values.put(key.strip(), properties.getProperty(key).strip());
        }
        return values;
    }
}
