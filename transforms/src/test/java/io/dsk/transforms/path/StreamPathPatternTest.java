package io.dsk.transforms.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StreamPathPatternTest {

    @Test
    void capturesTheAudienceSegmentUnderAnOpenEnd() {
        StreamPathPattern pattern = StreamPathPattern.parse("tenants/{audience}/**");

        assertThat(pattern.audienceSegment("tenants/acme/orders/2026")).isEqualTo("acme");
        assertThat(pattern.audienceSegment("tenants/acme")).isEqualTo("acme");
        assertThat(pattern.audienceSegment("groups/acme/orders")).isNull();
        assertThat(pattern.audienceSegment("tenants")).isNull();
    }

    @Test
    void withoutOpenEndTheSegmentCountMustMatch() {
        StreamPathPattern pattern = StreamPathPattern.parse("*/users/{audience}");

        assertThat(pattern.audienceSegment("eu/users/alice")).isEqualTo("alice");
        assertThat(pattern.audienceSegment("eu/users/alice/inbox")).isNull();
        assertThat(pattern.audienceSegment("users/alice")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/tenants/{audience}", "tenants/*", "{audience}/{audience}", "tenants/{audience}x",
        "**/{audience}", "tenants/{audience}/**/x", "a b/{audience}"})
    void badPatternsAreRefused(String pattern) {
        assertThatThrownBy(() -> StreamPathPattern.parse(pattern)).isInstanceOf(IllegalArgumentException.class);
    }
}
