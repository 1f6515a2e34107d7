package io.dsk.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TlsSettingsTest {

    @Test
    void offByDefault() {
        assertThat(TlsSettings.from(Map.of()).enabled()).isFalse();
    }

    @Test
    void pemPairTurnsTlsOn() {
        TlsSettings settings = TlsSettings.from(Map.of(TlsSettings.CERT, "/etc/dsk/cert.pem",
                TlsSettings.KEY, "/etc/dsk/key.pem"));

        assertThat(settings.enabled()).isTrue();
        assertThat(settings.certificate()).contains(Path.of("/etc/dsk/cert.pem"));
        assertThat(settings.privateKey()).contains(Path.of("/etc/dsk/key.pem"));
    }

    @Test
    void keyStoreDefaultsToPkcs12AndHidesItsPassword() {
        TlsSettings settings = TlsSettings.from(Map.of(TlsSettings.KEYSTORE, "/etc/dsk/ks.p12",
                TlsSettings.KEYSTORE_PASSWORD, "hunter2"));

        assertThat(settings.keyStoreType()).isEqualTo("PKCS12");
        assertThat(new String(settings.keyStorePassword())).isEqualTo("hunter2");
        assertThat(settings.toString()).doesNotContain("hunter2");
    }

    @Test
    void halfAPairOrBothFormsAreErrorsNamingTheOptions() {
        assertThatThrownBy(() -> TlsSettings.from(Map.of(TlsSettings.CERT, "c.pem")))
                .hasMessageContaining("tls-cert and tls-key");
        assertThatThrownBy(() -> TlsSettings.from(Map.of(TlsSettings.KEY, "k.pem")))
                .hasMessageContaining("tls-cert and tls-key");
        assertThatThrownBy(() -> TlsSettings.from(Map.of(TlsSettings.KEYSTORE, "ks.p12", TlsSettings.CERT, "c.pem")))
                .hasMessageContaining("tls-keystore");
    }

    @Test
    void pkcs1IsWrappedAsPkcs8WithTheRsaAlgorithm() {
        byte[] wrapped = TlsContexts.pkcs8OfPkcs1(new byte[300]);

        assertThat(wrapped[0]).isEqualTo((byte) 0x30);
        assertThat(wrapped[1]).isEqualTo((byte) 0x82);
        assertThat(((wrapped[2] & 0xff) << 8) | (wrapped[3] & 0xff)).isEqualTo(wrapped.length - 4);
    }
}
