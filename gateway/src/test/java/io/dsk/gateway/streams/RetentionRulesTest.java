package io.dsk.gateway.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dsk.gateway.store.RetentionPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetentionRulesTest {

    private final RetentionRules rules = RetentionRules.parse(List.of(
            "dashboards/** 7d", "metrics/** 1GiB", "logs/* 12h 64MiB", "**  30d"));

    @Test
    void theFirstMatchingPatternGivesTheStreamItsPolicy() {
        assertThat(rules.resolve("dashboards/sales/eu", RetentionPolicy.NONE))
                .isEqualTo(RetentionPolicy.maxAge(7 * 86_400_000L));
        assertThat(rules.resolve("metrics/cpu", RetentionPolicy.NONE)).isEqualTo(RetentionPolicy.maxBytes(1L << 30));
        assertThat(rules.resolve("logs/app", RetentionPolicy.NONE))
                .isEqualTo(new RetentionPolicy(12 * 3_600_000L, 64L << 20));
        assertThat(rules.resolve("other", RetentionPolicy.NONE)).isEqualTo(RetentionPolicy.maxAge(30 * 86_400_000L));
    }

    @Test
    void aCreatesOwnBoundsCanOnlyTightenTheConfiguredOnes() {
        assertThat(rules.resolve("metrics/cpu", RetentionPolicy.maxBytes(1L << 40)))
                .isEqualTo(RetentionPolicy.maxBytes(1L << 30));
        assertThat(rules.resolve("metrics/cpu", new RetentionPolicy(60_000, 1024)))
                .isEqualTo(new RetentionPolicy(60_000, 1024));
    }

    @Test
    void withoutAMatchingRuleTheCreatesOwnBoundsApply() {
        RetentionRules some = RetentionRules.parse(List.of("metrics/** 1GiB"));

        assertThat(some.resolve("jobs/1", RetentionPolicy.maxAge(5000))).isEqualTo(RetentionPolicy.maxAge(5000));
        assertThat(RetentionRules.NONE.resolve("jobs/1", RetentionPolicy.NONE)).isEqualTo(RetentionPolicy.NONE);
    }

    @Test
    void pathsAreMatchedAsTheGatewayNamesThemDecodedOnce() {
        RetentionRules some = RetentionRules.parse(List.of("caf\u00e9/** 1GiB"));

        assertThat(some.resolve("caf\u00e9/src", RetentionPolicy.NONE)).isEqualTo(RetentionPolicy.maxBytes(1L << 30));
        assertThat(some.resolve("other/a b", RetentionPolicy.NONE)).isEqualTo(RetentionPolicy.NONE);
        assertThat(RetentionRules.NONE.resolve("caf\u00e9/src", RetentionPolicy.NONE)).isEqualTo(RetentionPolicy.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dashboards/**", "dashboards/** 7d 8d", "dashboards/** 1GiB 2GiB", "a 7d 1GiB 2h",
            "users/{sub}/** 7d", "dashboards/** lots", "dashboards/** 0s", "dashboards/** 0"})
    void malformedRulesAreRefusedWithTheReason(String rule) {
        assertThatThrownBy(() -> RetentionRules.parse(List.of(rule)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(rule.strip().split("\\s+")[0]);
    }

    @Test
    void stricterKeepsTheSmallerOfEachBoundAndABoundSetOnOneSide() {
        assertThat(new RetentionPolicy(10, -1).stricter(new RetentionPolicy(-1, 20)))
                .isEqualTo(new RetentionPolicy(10, 20));
        assertThat(new RetentionPolicy(10, 30).stricter(new RetentionPolicy(5, 40)))
                .isEqualTo(new RetentionPolicy(5, 30));
        assertThat(RetentionPolicy.NONE.stricter(RetentionPolicy.NONE).isNone()).isTrue();
    }
}
