package io.dsk.gateway.tls;

import io.dsk.gateway.config.ConfigException;
import io.dsk.gateway.config.ConfigValues;
import io.dsk.gateway.config.GatewayOption;
import io.dsk.gateway.config.GatewayOptions;
import io.dsk.gateway.config.OptionGroup;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@code tls-*} options: where the listener's key and certificate come from.
 *
 * <p>TLS is on when either {@code tls-cert} with {@code tls-key} (PEM), or {@code tls-keystore}, is
 * set; giving both forms, or only one of the PEM pair, is an error.
 */
public final class TlsSettings {

    public static final String CERT = GatewayOptions.TLS_CERT.name();
    public static final String KEY = GatewayOptions.TLS_KEY.name();
    public static final String KEYSTORE = GatewayOptions.TLS_KEYSTORE.name();
    public static final String KEYSTORE_PASSWORD = GatewayOptions.TLS_KEYSTORE_PASSWORD.name();
    public static final String KEYSTORE_TYPE = GatewayOptions.TLS_KEYSTORE_TYPE.name();
    public static final String DEFAULT_KEYSTORE_TYPE = GatewayOptions.TLS_KEYSTORE_TYPE.defaultValue();
    /** Every option this class reads. */
    public static final List<String> KEYS = GatewayOptions.inGroup(OptionGroup.TLS).stream()
            .map(GatewayOption::name).collect(Collectors.toUnmodifiableList());

    private final Path certificate;
    private final Path privateKey;
    private final Path keyStore;
    private final char[] keyStorePassword;
    private final String keyStoreType;

    private TlsSettings(Path certificate, Path privateKey, Path keyStore, char[] keyStorePassword,
            String keyStoreType) {
        this.certificate = certificate;
        this.privateKey = privateKey;
        this.keyStore = keyStore;
        this.keyStorePassword = keyStorePassword;
        this.keyStoreType = keyStoreType;
    }

    /** No TLS: the listener speaks plain HTTP. */
    public static TlsSettings disabled() {
        return new TlsSettings(null, null, null, new char[0], DEFAULT_KEYSTORE_TYPE);
    }

    /**
     * TLS from PEM files.
     *
     * @param certificate PEM certificate chain, server certificate first
     * @param privateKey PEM private key (PKCS#8, or PKCS#1 for RSA), unencrypted
     * @return the settings
     */
    public static TlsSettings pem(Path certificate, Path privateKey) {
        return new TlsSettings(Objects.requireNonNull(certificate, CERT), Objects.requireNonNull(privateKey, KEY),
                null, new char[0], DEFAULT_KEYSTORE_TYPE);
    }

    /**
     * TLS from a key store.
     *
     * @param keyStore the key store file
     * @param password the store and key password; may be empty
     * @param type the store type, such as {@code PKCS12} or {@code JKS}
     * @return the settings
     */
    public static TlsSettings keyStore(Path keyStore, char[] password, String type) {
        return new TlsSettings(null, null, Objects.requireNonNull(keyStore, KEYSTORE),
                password == null ? new char[0] : password.clone(), Objects.requireNonNull(type, KEYSTORE_TYPE));
    }

    /**
     * Reads the {@code tls-*} keys; absent keys take their defaults.
     *
     * @param values raw option values by kebab-case key, as if given on the command line
     * @return the settings
     * @throws ConfigException naming the option to change when the combination is invalid
     */
    public static TlsSettings from(Map<String, String> values) {
        return from(ConfigValues.ofCommandLine(values));
    }

    /**
     * Reads the {@code tls-*} options declared in {@link GatewayOptions} from the gateway's merged
     * configuration.
     *
     * @param config the merged configuration
     * @return the settings
     * @throws ConfigException naming the option to change when the combination is invalid
     */
    public static TlsSettings from(ConfigValues config) {
        Path cert = config.get(GatewayOptions.TLS_CERT);
        Path key = config.get(GatewayOptions.TLS_KEY);
        Path store = config.get(GatewayOptions.TLS_KEYSTORE);
        if (store != null) {
            if (cert != null || key != null) {
                throw new ConfigException("set either " + config.describe(KEYSTORE) + " or "
                        + config.describe(cert != null ? CERT : KEY) + ", not both");
            }
            String type = config.get(GatewayOptions.TLS_KEYSTORE_TYPE).toUpperCase(Locale.ROOT);
            return keyStore(store, config.get(GatewayOptions.TLS_KEYSTORE_PASSWORD).toCharArray(), type);
        }
        if (cert == null && key == null) {
            return disabled();
        }
        if (cert == null || key == null) {
            throw new ConfigException(config.describe(cert == null ? KEY : CERT) + ": tls-cert and tls-key must be"
                    + " set together (PEM certificate chain and its private key)");
        }
        return pem(cert, key);
    }

    /** True when the listener must speak HTTPS. */
    public boolean enabled() {
        return keyStore != null || certificate != null;
    }

    /** PEM certificate chain ({@code tls-cert}), when TLS comes from PEM files. */
    public Optional<Path> certificate() {
        return Optional.ofNullable(certificate);
    }

    /** PEM private key ({@code tls-key}), when TLS comes from PEM files. */
    public Optional<Path> privateKey() {
        return Optional.ofNullable(privateKey);
    }

    /** Key store ({@code tls-keystore}), when TLS comes from a key store. */
    public Optional<Path> keyStore() {
        return Optional.ofNullable(keyStore);
    }

    /** Key store password ({@code tls-keystore-password}); empty when unset. */
    public char[] keyStorePassword() {
        return keyStorePassword.clone();
    }

    /** Key store type ({@code tls-keystore-type}), default {@link #DEFAULT_KEYSTORE_TYPE}. */
    public String keyStoreType() {
        return keyStoreType;
    }

    @Override
    public String toString() {
        if (keyStore != null) {
            return "TlsSettings{keystore=" + keyStore + ", type=" + keyStoreType + ", password=<redacted>}";
        }
        return certificate == null ? "TlsSettings{disabled}"
                : "TlsSettings{cert=" + certificate + ", key=" + privateKey + "}";
    }
}
