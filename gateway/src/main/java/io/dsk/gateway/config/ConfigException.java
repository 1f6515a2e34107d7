package io.dsk.gateway.config;

/**
 * A configuration value that cannot be used. The message names the option (as the user wrote
 * it: flag, environment variable or file key) and says what is accepted instead.
 */
public final class ConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message one line naming the option and the accepted values
     */
    public ConfigException(String message) {
        super(message);
    }
}
