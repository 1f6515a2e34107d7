package io.dsk.transforms.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.dsk.path.StreamPath;
import io.dsk.transforms.HostileValues;
import io.dsk.transforms.TestRecords;
import io.dsk.transforms.record.TemplateResult;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathTemplateTest {

    private static final PathTemplate TENANT_ORDERS = PathTemplate.parse("tenants/${value.tenant}/orders-${partition}", 128);

    @Test
    void rendersLiteralsAndPlaceholders() {
        TemplateResult path = TENANT_ORDERS.render(TestRecords.schemaless("k", Map.of("tenant", "acme")));

        assertThat(path.text()).isEqualTo("tenants/acme/orders-3");
    }

    @Test
    void hostileValuesNeverChangeTheSegmentCountOrClimbAndDistinctValuesGiveDistinctPaths() {
        PathTemplate template = PathTemplate.parse("tenants/${value.tenant}/orders-${partition}", 1024);
        Map<String, String> pathToValue = new HashMap<>();
        for (String value : HostileValues.corpus()) {
            TemplateResult path = template.render(TestRecords.schemaless("k", Map.of("tenant", value)));
            String described = HostileValues.describe(value);

            assertThat(path.resolved()).as("rendering %s", described).isTrue();
            List<String> segments = StreamPath.of(path.text()).segments();
            assertThat(segments).as("segments for %s", described).hasSize(template.segmentCount())
                    .doesNotContain("..", ".", "");
            assertThat(segments.get(0)).isEqualTo("tenants");
            assertThat(segments.get(2)).isEqualTo("orders-3");
            assertThat(StreamPath.problem(path.text())).as("valid path for %s", described).isNull();
            assertThat(StreamPath.decodeSegment(segments.get(1))).as(described).isEqualTo(value);
            String earlier = pathToValue.putIfAbsent(path.text(), value);
            assertThat(earlier == null || earlier.equals(value)).as("collision for %s", described).isTrue();
        }
    }

    @Test
    void overLongValueIsUnresolvedInsteadOfTruncated() {
        PathTemplate template = PathTemplate.parse("t/${value.tenant}", 16);

        TemplateResult path = template.render(TestRecords.schemaless("k", Map.of("tenant", "x".repeat(17))));

        assertThat(path.resolved()).isFalse();
        assertThat(path.problem()).contains("longer than 16");
    }

    @Test
    void lengthLimitCountsEncodedCharacters() {
        PathTemplate template = PathTemplate.parse("t/${value.tenant}", 16);

        assertThat(template.render(TestRecords.schemaless("k", Map.of("tenant", "/".repeat(5)))).resolved()).isTrue();
        assertThat(template.render(TestRecords.schemaless("k", Map.of("tenant", "/".repeat(6)))).resolved()).isFalse();
    }

    @Test
    void emptyNullMissingAndContainerValuesAreUnresolved() {
        Map<String, Object> nullTenant = new HashMap<>();
        nullTenant.put("tenant", null);

        assertThat(TENANT_ORDERS.render(TestRecords.schemaless("k", Map.of("tenant", ""))).problem())
                .contains("${value.tenant} is empty");
        assertThat(TENANT_ORDERS.render(TestRecords.schemaless("k", nullTenant)).problem()).contains("missing or null");
        assertThat(TENANT_ORDERS.render(TestRecords.schemaless("k", Map.of())).problem()).contains("missing or null");
        assertThat(TENANT_ORDERS.render(TestRecords.schemaless("k", null)).problem()).contains("missing or null");
        assertThat(TENANT_ORDERS.render(TestRecords.schemaless("k", Map.of("tenant", Map.of("id", "a")))).problem())
                .contains("is a Map");
    }

    @Test
    void unpairedSurrogateIsUnresolved() {
        TemplateResult path = TENANT_ORDERS.render(TestRecords.schemaless("k", Map.of("tenant", "a\uD800")));

        assertThat(path.problem()).contains("not well-formed Unicode");
    }

    @Test
    void problemNeverRepeatsTheValue() {
        TemplateResult path = PathTemplate.parse("t/${value.tenant}", 8)
                .render(TestRecords.schemaless("k", Map.of("tenant", "secret-customer-name")));

        assertThat(path.problem()).doesNotContain("secret");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                         | must not be empty",
        "/tenants/${key}            | no leading or trailing",
        "tenants/${key}/            | no leading or trailing",
        "tenants//${key}            | segment 2 of the stream path template is empty",
        "tenants/${key              | unbalanced braces",
        "tenants/key}               | unbalanced braces",
        "tenants/{key}              | unbalanced braces",
        "tenants/${${key}}          | cannot nest",
        "tenants/${tenant}          | unknown placeholder ${tenant}",
        "tenants/${}                | unknown placeholder ${}",
        "tenants/${value.}          | unknown placeholder",
        "my tenants/${key}          | holds ' '",
        "tenants/a%2Fb              | holds '%'",
        "../${key}                  | only dots",
        "a/./${key}                 | only dots",
    })
    void badTemplatesAreRefusedWithTheReason(String template, String reason) {
        assertThatThrownBy(() -> PathTemplate.parse(template, 128))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void dotsNextToAPlaceholderAreAllowedSinceTheSegmentCanNeverBeOnlyDots() {
        PathTemplate template = PathTemplate.parse("a/.${key}", 128);

        assertThat(template.render(TestRecords.schemaless(".", null)).text()).isEqualTo("a/.%2E");
    }

    @Test
    void aPathBeginningWithTheControlPrefixIsNeverRendered() {
        assertThatThrownBy(() -> PathTemplate.parse("__ds/${key}", 128)).hasMessageContaining("reserved");
        assertThatThrownBy(() -> PathTemplate.parse("__DSx/${key}", 128)).hasMessageContaining("reserved");
        PathTemplate template = PathTemplate.parse("${value.tenant}/orders", 128);
        for (String tenant : List.of("__ds", "__DS", "__dsx")) {
            TemplateResult path = template.render(TestRecords.schemaless("k", Map.of("tenant", tenant)));
            assertThat(path.resolved()).as(tenant).isFalse();
            assertThat(path.problem()).contains("reserved");
        }
        assertThat(template.render(TestRecords.schemaless("k", Map.of("tenant", "x__ds"))).resolved()).isTrue();
    }
}
