package io.dsk.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrivateReadCachingTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "public, max-age=60, stale-while-revalidate=300 | private, max-age=60, stale-while-revalidate=300",
        "PUBLIC,max-age=60 | private, max-age=60",
        "no-store | no-store",
        "private, max-age=5 | private, max-age=5",
        "public, private | private",
        "max-age=60, public | max-age=60, private",
        "no-cache=\"publicity\" | no-cache=\"publicity\"",
    })
    void turnsPublicIntoPrivateAndKeepsTheRest(String given, String expected) {
        assertThat(PrivateReadCaching.privatise(given)).isEqualTo(expected);
    }
}
