package io.dsk.transforms;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * A rule over several options, attached to the option that a user must change to satisfy it. A
 * {@link ConfigDef.Validator} sees one value only; {@link ConfigDef#validate} also asks each option's
 * recommender, with every parsed value, and reports a {@link ConfigException} it throws as an error of
 * that option. So Kafka Connect's validate endpoint (and {@code POST /connectors}) names the key, and
 * {@link #ensure} applies the same rule when the plugin is configured.
 */
final class CrossOptionCheck implements ConfigDef.Recommender {

    private final Function<Map<String, ?>, String> problem;

    /**
     * @param problem given the parsed values by key (a value may be {@code null} where it is missing or
     *                malformed), what is wrong and how to fix it, or {@code null} when the rule holds
     */
    CrossOptionCheck(Function<Map<String, ?>, String> problem) {
        this.problem = problem;
    }

    /**
     * Throws when the rule does not hold.
     *
     * @param name   the option the error belongs to
     * @param values the parsed values by key
     * @throws ConfigException naming {@code name}, when the rule does not hold
     */
    void ensure(String name, Map<String, ?> values) {
        String message = problem.apply(values);
        if (message != null) {
            throw new ConfigException(name, values.get(name), message);
        }
    }

    @Override
    public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
        ensure(name, parsedConfig);
        return List.of();
    }

    @Override
    public boolean visible(String name, Map<String, Object> parsedConfig) {
        return true;
    }
}
