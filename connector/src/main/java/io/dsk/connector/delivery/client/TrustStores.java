package io.dsk.connector.delivery.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Builds the TLS context that trusts the certificates of a trust store file. */
public final class TrustStores {

    private TrustStores() {
    }

    /**
     * @param location the trust store file
     * @param password its password, or {@code null}
     * @param type     {@code PKCS12} or {@code JKS}
     * @return a TLS context trusting the store's certificates
     * @throws IOException              if the file cannot be read
     * @throws GeneralSecurityException if the store cannot be loaded
     */
    public static SSLContext sslContext(String location, String password, String type)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            store.load(in, password == null ? null : password.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
