package io.dsk.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.dsk.gateway.ops.LogFormat;
import org.junit.jupiter.api.Test;

class QuickstartOptionsTest {

    @Test
    void gatewayOptionsAreKeptInOrderAndMayHoldEqualsSigns() {
        QuickstartMain.Options options = QuickstartMain.Options.parse(new String[] {
            "--gateway-option", "auth-enabled=true",
            "--gateway-option", "auth-jwt-hmac-secret=base64:3q2+7w==",
            "--gateway-option", "rate-limit-ip-rps=5"});

        assertThat(options.gatewayOptions).containsExactly(
                entry("auth-enabled", "true"),
                entry("auth-jwt-hmac-secret", "base64:3q2+7w=="),
                entry("rate-limit-ip-rps", "5"));
    }

    @Test
    void noGatewayOptionsByDefault() {
        assertThat(QuickstartMain.Options.parse(new String[0]).gatewayOptions).isEmpty();
    }

    @Test
    void gatewayOptionOutsideAuthAndRateLimitsIsRejectedByName() {
        assertThatThrownBy(() -> QuickstartMain.Options.parse(new String[] {"--gateway-option", "port=80"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("auth-* or rate-limit-*")
                .hasMessageEndingWith("was port");
    }

    @Test
    void gatewayOptionWithoutValueIsRejected() {
        assertThatThrownBy(() -> QuickstartMain.Options.parse(new String[] {"--gateway-option", "auth-enabled"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NAME=VALUE");
        assertThatThrownBy(() -> QuickstartMain.Options.parse(new String[] {"--gateway-option"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--gateway-option needs a value");
    }

    @Test
    void logLinesAreTextUnlessJsonIsChosen() {
        assertThat(QuickstartMain.Options.parse(new String[0]).logFormat).isEqualTo(LogFormat.TEXT);
        assertThat(QuickstartMain.Options.parse(new String[] {"--log-format", "json"}).logFormat)
                .isEqualTo(LogFormat.JSON);
    }

    @Test
    void anUnknownLogFormatNamesTheAcceptedOnes() {
        assertThatThrownBy(() -> QuickstartMain.Options.parse(new String[] {"--log-format", "logfmt"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--log-format must be text or json, was logfmt");
    }

    @Test
    void helpIsAnOptionNotAnError() {
        assertThat(QuickstartMain.Options.parse(new String[] {"--help"}).help).isTrue();
        assertThat(QuickstartMain.Options.parse(new String[] {"-h"}).help).isTrue();
        assertThat(QuickstartMain.Options.parse(new String[0]).help).isFalse();
    }

    @Test
    void usageNamesEveryOption() {
        assertThat(QuickstartMain.USAGE).contains("--port", "--data-dir", "--no-sample-data", "--gateway-option",
                "--log-format", "--help");
    }
}
