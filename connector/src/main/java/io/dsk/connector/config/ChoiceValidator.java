package io.dsk.connector.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Validates and recommends the values of an enum-backed option, case-insensitively.
 *
 * @param <E> the enum whose constants are the allowed choices
 */
public final class ChoiceValidator<E extends Enum<E>> implements ConfigDef.Validator, ConfigDef.Recommender {

    private final Class<E> type;
    private final Function<E, String> label;

    private ChoiceValidator(Class<E> type, Function<E, String> label) {
        this.type = type;
        this.label = label;
    }

    /**
     * Creates a validator whose choices are the given labels of the enum's constants.
     *
     * @param type  the enum type
     * @param label how a constant is written in configuration
     * @param <E>   the enum type
     * @return the validator, also usable as the option's recommender
     */
    public static <E extends Enum<E>> ChoiceValidator<E> of(Class<E> type, Function<E, String> label) {
        return new ChoiceValidator<>(type, label);
    }

    /**
     * Parses a configured value into its enum constant.
     *
     * @param value the configured text
     * @return the matching constant
     * @throws IllegalArgumentException if no constant matches
     */
    public E parse(String value) {
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        for (E constant : type.getEnumConstants()) {
            if (label.apply(constant).toLowerCase(Locale.ROOT).equals(wanted)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("unknown value '" + value + "'; expected one of " + choices());
    }

    /** @return the allowed values, in declaration order */
    public List<String> choices() {
        return Arrays.stream(type.getEnumConstants()).map(label).collect(Collectors.toList());
    }

    @Override
    public void ensureValid(String name, Object value) {
        if (value == null) {
            throw new ConfigException(name, null, "Set " + name + " to one of " + choices());
        }
        try {
            parse(value.toString());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, "Set " + name + " to one of " + choices());
        }
    }

    @Override
    public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
        return List.copyOf(choices());
    }

    @Override
    public boolean visible(String name, Map<String, Object> parsedConfig) {
        return true;
    }

    @Override
    public String toString() {
        return String.join(", ", choices());
    }
}
