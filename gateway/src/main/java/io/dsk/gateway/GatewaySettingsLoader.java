package io.dsk.gateway;

import io.dsk.gateway.cluster.ClusterSettings;
import io.dsk.gateway.config.ConfigException;
import io.dsk.gateway.config.ConfigSources;
import io.dsk.gateway.config.ConfigValues;
import io.dsk.gateway.config.GatewayCommandLine;
import io.dsk.gateway.config.GatewayOption;
import io.dsk.gateway.config.GatewayOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Builds {@link GatewaySettings} from the command line, {@code DSK_*} environment variables and a
 * properties file, in that order of precedence, over the defaults. Every option, its default and
 * its rule are declared in {@link GatewayOptions}.
 */
public final class GatewaySettingsLoader {

    /** Key of the config file option; it is read from the command line and environment only. */
    public static final String CONFIG = GatewayOptions.CONFIG.name();
    /** Key that asks for the usage text. */
    public static final String HELP = GatewayOptions.HELP.name();

    private GatewaySettingsLoader() {
    }

    /**
     * Reads the command line, the environment and the config file named by {@code --config} (or
     * {@code DSK_CONFIG}) into one raw view. Unknown command-line options are refused here; unknown
     * file keys by {@link ConfigValues#rejectUnknown()}.
     *
     * @param args the command line
     * @param environment the process environment
     * @return the merged raw configuration
     * @throws ConfigException for a malformed command line or an unreadable config file
     */
    public static ConfigValues configValues(String[] args, Map<String, String> environment) {
        Map<String, String> commandLine = ConfigSources.commandLine(args);
        ConfigValues withoutFile = ConfigValues.of(commandLine, environment, Map.of(), null);
        Optional<Path> file = withoutFile.find(GatewayOptions.CONFIG);
        if (file.isEmpty()) {
            return withoutFile;
        }
        ConfigSources.PropertiesFile fileValues = ConfigSources.readPropertiesFile(file.get());
        if (fileValues.values().containsKey(CONFIG)) {
            throw new ConfigException("config in " + file.get() + ": a config file cannot name another; remove the key");
        }
        ConfigValues merged = ConfigValues.of(commandLine, environment, fileValues);
        merged.find(GatewayOptions.CONFIG);
        return merged;
    }

    /**
     * Builds the settings; unset options keep their defaults.
     *
     * @param config the raw configuration
     * @return the settings
     * @throws ConfigException naming the option, where its value came from, and what is accepted
     */
    public static GatewaySettings settings(ConfigValues config) {
        config.isSet(HELP);
        boolean inMemory = config.get(GatewayOptions.IN_MEMORY);
        if (config.isSet(GatewayOptions.DATA_DIR.name()) && inMemory) {
            throw new ConfigException(config.describe(GatewayOptions.DATA_DIR.name()) + " and "
                    + config.describe(GatewayOptions.IN_MEMORY.name()) + " exclude each other: choose one store");
        }
        if (config.isSet(GatewayOptions.IN_MEMORY_MAX_BYTES.name()) && !inMemory) {
            throw new ConfigException(config.describe(GatewayOptions.IN_MEMORY_MAX_BYTES.name())
                    + " bounds the store of --in-memory, which is not set; the RocksDB store is bounded by its disk");
        }
        GatewaySettings.Builder builder = GatewaySettings.builder();
        for (GatewayOption<?> option : GatewaySettings.OPTIONS) {
            copy(config, option, builder);
        }
        return builder.cluster(ClusterSettings.from(config)).build();
    }

    private static <T> void copy(ConfigValues config, GatewayOption<T> option, GatewaySettings.Builder builder) {
        builder.set(option, config.get(option));
    }

    /**
     * Command line, environment and file in one step, rejecting keys that are no option.
     * The gateway itself also reads auth, rate-limit and TLS settings from the same view; see
     * {@link GatewayMain}.
     */
    public static GatewaySettings load(String[] args, Map<String, String> environment) {
        ConfigValues config = configValues(args, environment);
        GatewaySettings settings = settings(config);
        config.rejectUnknown();
        return settings;
    }

    /** The usage text printed by {@code --help}, generated from {@link GatewayOptions}. */
    public static String usage() {
        return GatewayCommandLine.usage();
    }
}
