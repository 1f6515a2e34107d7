package io.dsk.transforms.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class StreamPathTest {

    @ParameterizedTest
    @ValueSource(strings = {"orders", "tenants/acme/orders", "users/alice%40example.com/inbox", "a/%2E%2E/b"})
    void validPaths(String path) {
        assertThat(StreamPath.isValid(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/orders", "orders/", "a//b", "a/../b", "a/./b", "a b", "a/%2f", "a/%", "a\\b", "é"})
    void invalidPaths(String path) {
        assertThat(StreamPath.problem(path)).isNotNull();
    }

    @Test
    void urlFormEscapesPercentSoServersDecodeBackToTheName() {
        assertThat(StreamPath.toUrlPath("tenants/%2E%2E/alice%40x")).isEqualTo("tenants/%252E%252E/alice%2540x");
        assertThat(StreamPath.toUrlPath("tenants/acme/orders")).isEqualTo("tenants/acme/orders");
    }

    @Test
    void urlFormRefusesInvalidPaths() {
        assertThatThrownBy(() -> StreamPath.toUrlPath("../etc")).isInstanceOf(IllegalArgumentException.class);
    }
}
