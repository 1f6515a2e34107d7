package io.dsk.transforms;

import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;

/** What Kafka Connect's validate endpoint reports for a plugin's options: the errors per key. */
final class ConfigErrors {

    private ConfigErrors() {
    }

    /**
     * Validates as Connect does for {@code PUT /connector-plugins/.../config/validate}.
     *
     * @param def   the plugin's options
     * @param props the plugin's configuration, without its prefix
     * @return the error messages joined per key that has any, by key
     */
    static Map<String, String> of(ConfigDef def, Map<String, String> props) {
        Map<String, String> errors = new TreeMap<>();
        for (ConfigValue value : def.validate(props)) {
            if (!value.errorMessages().isEmpty()) {
                errors.put(value.name(), String.join(" | ", value.errorMessages()));
            }
        }
        return errors;
    }
}
