package io.dsk.gateway.config;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One gateway option, declared once in {@link GatewayOptions}: its name (used as {@code --name},
 * {@code DSK_NAME} and {@code name=} in the config file), its type, default, documentation, group
 * and the rule its value must follow.
 *
 * @param <T> the type of its value
 */
public final class GatewayOption<T> {

    private final String name;
    private final OptionType<T> type;
    private final T defaultValue;
    private final String documentedDefault;
    private final String description;
    private final OptionGroup group;
    private final String label;
    private final Predicate<T> rule;
    private final String ruleWords;
    private final boolean emptyAllowed;
    private final boolean commandLineOnly;

    private GatewayOption(Builder<T> b) {
        this.name = b.name;
        this.type = b.type;
        this.defaultValue = b.defaultValue;
        this.documentedDefault = b.documentedDefault;
        this.description = b.description;
        this.group = b.group;
        this.label = b.label != null ? b.label : b.type.label();
        this.rule = b.rule;
        this.ruleWords = b.ruleWords;
        this.emptyAllowed = b.emptyAllowed;
        this.commandLineOnly = b.commandLineOnly;
    }

    static <T> Builder<T> builder(String name, OptionType<T> type, OptionGroup group) {
        return new Builder<>(name, type, group);
    }

    /** The key: {@code --name}, {@code DSK_NAME}, {@code name=}. */
    public String name() {
        return name;
    }

    /** The flag, {@code --name}. */
    public String flag() {
        return "--" + name;
    }

    /** The environment variable, {@code DSK_NAME}. */
    public String environmentName() {
        return ConfigValues.environmentName(name);
    }

    public OptionType<T> type() {
        return type;
    }

    public OptionGroup group() {
        return group;
    }

    /** One or two sentences on what the option does. */
    public String description() {
        return description;
    }

    /** How the value is written in usage and docs, such as {@code DURATION} or {@code DIR}. */
    public String label() {
        return label;
    }

    /** The default; null when the option has none (it is then off or unset). */
    public T defaultValue() {
        return defaultValue;
    }

    /** The default as the docs and {@code --help} state it: words, the formatted value, or {@code none}. */
    public String documentedDefault() {
        if (documentedDefault != null) {
            return documentedDefault;
        }
        return defaultValue == null ? "none" : "`" + type.format(defaultValue) + "`";
    }

    /** Whether an empty value means the empty value itself rather than the default. */
    public boolean emptyAllowed() {
        return emptyAllowed;
    }

    /** Whether the option exists only on the command line ({@code --help}). */
    public boolean commandLineOnly() {
        return commandLineOnly;
    }

    /** Whether a value given without one ({@code --in-memory}) means {@code true}. */
    public boolean isFlag() {
        return type == OptionType.BOOLEAN;
    }

    /**
     * @param value a value of this option
     * @return why it is refused, naming the option, or empty when it follows the rule
     */
    public Optional<String> problem(T value) {
        if (value == null || rule == null || rule.test(value)) {
            return Optional.empty();
        }
        return Optional.of(name + " must be " + ruleWords + ", was " + type.format(value));
    }

    /**
     * @param value a value of this option
     * @return the value
     * @throws IllegalArgumentException naming the option when the value breaks its rule
     */
    public T check(T value) {
        problem(value).ifPresent(message -> {
            throw new IllegalArgumentException(message);
        });
        return value;
    }

    @Override
    public String toString() {
        return name;
    }

    static final class Builder<T> {
        private final String name;
        private final OptionType<T> type;
        private final OptionGroup group;
        private T defaultValue;
        private String documentedDefault;
        private String description;
        private String label;
        private Predicate<T> rule;
        private String ruleWords;
        private boolean emptyAllowed;
        private boolean commandLineOnly;

        private Builder(String name, OptionType<T> type, OptionGroup group) {
            this.name = Objects.requireNonNull(name);
            this.type = Objects.requireNonNull(type);
            this.group = Objects.requireNonNull(group);
        }

        Builder<T> defaultValue(T value) {
            this.defaultValue = value;
            return this;
        }

        /** The default in words, where it depends on the machine or on another option. */
        Builder<T> documentedDefault(String words) {
            this.documentedDefault = words;
            return this;
        }

        Builder<T> label(String value) {
            this.label = value;
            return this;
        }

        /** The rule a value must follow, and the words that end "NAME must be ...". */
        Builder<T> rule(Predicate<T> ok, String words) {
            this.rule = ok;
            this.ruleWords = words;
            return this;
        }

        Builder<T> emptyAllowed() {
            this.emptyAllowed = true;
            return this;
        }

        Builder<T> commandLineOnly() {
            this.commandLineOnly = true;
            return this;
        }

        GatewayOption<T> doc(String text) {
            this.description = Objects.requireNonNull(text);
            return new GatewayOption<>(this);
        }
    }
}
