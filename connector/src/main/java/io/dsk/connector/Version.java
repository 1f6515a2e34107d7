package io.dsk.connector;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The connector's version, from a properties file filtered by the build. */
public final class Version {

    private static final String VERSION = load();

    private Version() {
    }

    /** @return the version, e.g. {@code 0.1.0} */
    public static String get() {
        return VERSION;
    }

    private static String load() {
        Properties properties = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("dsk-connector-version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return properties.getProperty("version", "unknown");
    }
}
