package io.dsk.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GatewayOptionsTest {

    @Test
    void everyOptionIsDeclaredOnceWithItsOwnEnvironmentVariable() {
        Set<String> names = new HashSet<>();
        Set<String> variables = new HashSet<>();
        for (GatewayOption<?> option : GatewayOptions.ALL) {
            assertThat(names.add(option.name())).as("name %s declared once", option.name()).isTrue();
            assertThat(variables.add(option.environmentName())).as("variable of %s", option.name()).isTrue();
            assertThat(option.name()).matches("[a-z][a-z0-9-]*");
            assertThat(option.description()).as("doc of %s", option.name()).isNotBlank().endsWith(".");
            assertThat(GatewayOptions.named(option.name())).containsSame(option);
        }
    }

    @Test
    void everyDefaultFollowsItsOwnRule() {
        for (GatewayOption<?> option : GatewayOptions.ALL) {
            assertThat(problemOfDefault(option)).as("default of %s", option.name()).isEmpty();
        }
    }

    @Test
    void theThirtySevenAuthRateLimitAndTlsOptionsAreInTheRegistry() {
        int others = GatewayOptions.inGroup(OptionGroup.AUTH).size() + GatewayOptions.inGroup(OptionGroup.RATE_LIMIT).size()
                + GatewayOptions.inGroup(OptionGroup.TLS).size();

        assertThat(others).isEqualTo(37);
    }

    @Test
    void aRuleNamesTheOptionAndShowsTheValueInItsAcceptedForm() {
        assertThatThrownBy(() -> GatewayOptions.AUTH_JWT_CACHE_TTL.check(Duration.ofHours(2)))
                .hasMessage("auth-jwt-cache-ttl must be 1s..1h, was 2h");
        assertThat(GatewayOptions.AUTH_JWT_CACHE_TTL.check(Duration.ofMinutes(5))).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void anEmptyValueMeansTheDefaultUnlessEmptyHasAMeaning() {
        ConfigValues config = ConfigValues.of(Map.of(), Map.of("DSK_PORT", " ", "DSK_AUTH_TOKEN_COOKIE", ""), Map.of(), null);

        assertThat(config.get(GatewayOptions.PORT)).isEqualTo(4437);
        assertThat(config.get(GatewayOptions.AUTH_TOKEN_COOKIE)).isEmpty();
    }

    @Test
    void aSecretIsNeverEchoedInAnError() {
        ConfigValues config = ConfigValues.ofCommandLine(Map.of("tls-keystore-password", "hunter2"));

        assertThat(config.get(GatewayOptions.TLS_KEYSTORE_PASSWORD)).isEqualTo("hunter2");
        assertThat(OptionType.SECRET.format("hunter2")).isEqualTo("<redacted>");
    }

    @Test
    void numbersListsAndSizesFollowOneRuleEverywhere() {
        ConfigValues config = ConfigValues.ofCommandLine(Map.of("rate-limit-ip-rps", "0.5",
                "auth-jwt-audience", " a, ,b ", "max-header-bytes", "32KiB", "rate-limit-subject-rps", "many"));

        assertThat(config.get(GatewayOptions.RATE_LIMIT_IP_RPS)).isEqualTo(0.5);
        assertThat(config.get(GatewayOptions.AUTH_JWT_AUDIENCE)).containsExactly("a", "b");
        assertThat(config.get(GatewayOptions.MAX_HEADER_BYTES)).isEqualTo(32_768);
        assertThatThrownBy(() -> config.get(GatewayOptions.RATE_LIMIT_SUBJECT_RPS))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--rate-limit-subject-rps: expected a number such as 5 or 0.5, got 'many'");
    }

    private static <T> Optional<String> problemOfDefault(GatewayOption<T> option) {
        return option.problem(option.defaultValue());
    }
}
