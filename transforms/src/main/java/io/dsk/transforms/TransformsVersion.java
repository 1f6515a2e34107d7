package io.dsk.transforms;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of this module, read from a properties file that Maven fills in at build time.
 *
 * @since 0.1
 */
public final class TransformsVersion {

    private static final String VERSION = load();

    private TransformsVersion() {
    }

    /**
     * Returns the module version.
     *
     * @return e.g. {@code 0.1.0}
     */
    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = TransformsVersion.class.getResourceAsStream("dsk-transforms.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dsk-transforms.properties", e);
        }
    }
}
