package io.dsk.transforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StreamRouteTest {

    private static final Schema ORDER = SchemaBuilder.struct()
            .field("tenant", Schema.OPTIONAL_STRING_SCHEMA)
            .field("id", Schema.INT64_SCHEMA)
            .build();

    private final StreamRoute<SinkRecord> route = new StreamRoute<>();

    @AfterEach
    void close() {
        route.close();
    }

    private StreamRoute<SinkRecord> configured(Map<String, String> props) {
        route.configure(props);
        return route;
    }

    @Test
    void schemalessRecordIsRoutedByValueField() {
        configured(Map.of("stream.template", "tenants/${value.tenant}/orders"));

        SinkRecord routed = route.apply(TestRecords.schemaless("o-1", Map.of("tenant", "acme")));

        assertThat(TestRecords.streamHeader(routed)).isEqualTo("tenants/acme/orders");
    }

    @Test
    void structRecordIsRoutedByValueField() {
        configured(Map.of("stream.template", "tenants/${value.tenant}/orders/${value.id}"));
        Struct order = new Struct(ORDER).put("tenant", "acme").put("id", 42L);

        SinkRecord routed = route.apply(TestRecords.withSchema(null, null, ORDER, order));

        assertThat(TestRecords.streamHeader(routed)).isEqualTo("tenants/acme/orders/42");
        assertThat(routed.value()).isSameAs(order);
        assertThat(routed.valueSchema()).isSameAs(ORDER);
    }

    @Test
    void topicPartitionKeyAndHeaderPlaceholdersAreFilledIn() {
        configured(Map.of("stream.template", "${topic}/${partition}/${key.user}/${header.X-Region}"));

        SinkRecord routed = route.apply(TestRecords.schemaless(Map.of("user", "u1"), "v", Map.of("X-Region", "eu")));

        assertThat(TestRecords.streamHeader(routed)).isEqualTo("orders/3/u1/eu");
    }

    @Test
    void lastHeaderOfANameFillsTheHeaderPlaceholderAndOtherHeadersAreKept() {
        configured(Map.of("stream.template", "regions/${header.X-Region}"));
        SinkRecord input = TestRecords.record(null, "k", null, "v", new org.apache.kafka.connect.header.ConnectHeaders()
                .addString("X-Region", "us").addString("X-Region", "eu").addString("trace", "t-1"));

        SinkRecord routed = route.apply(input);

        assertThat(TestRecords.streamHeader(routed)).isEqualTo("regions/eu");
        assertThat(routed.headers().lastWithName("trace").value()).isEqualTo("t-1");
        assertThat(routed.headers().size()).isEqualTo(4);
    }

    @Test
    void valueThatTriesToClimbOrAddSegmentsStaysInItsSegment() {
        configured(Map.of("stream.template", "tenants/${value.tenant}/orders"));

        assertThat(TestRecords.streamHeader(route.apply(TestRecords.schemaless("k", Map.of("tenant", "../admin")))))
                .isEqualTo("tenants/..%2Fadmin/orders");
        assertThat(TestRecords.streamHeader(route.apply(TestRecords.schemaless("k", Map.of("tenant", "..")))))
                .isEqualTo("tenants/%2E%2E/orders");
        assertThat(TestRecords.streamHeader(route.apply(TestRecords.schemaless("k", Map.of("tenant", "%2F")))))
                .isEqualTo("tenants/%252F/orders");
    }

    @Test
    void existingStreamHeaderIsReplacedAndTheInputRecordIsLeftUnchanged() {
        configured(Map.of("stream.template", "tenants/${value.tenant}"));
        SinkRecord input = TestRecords.schemaless("k", Map.of("tenant", "acme"), Map.of(StreamHeaders.STREAM, "tenants/evil"));

        SinkRecord routed = route.apply(input);

        assertThat(routed.headers().allWithName(StreamHeaders.STREAM)).toIterable().hasSize(1);
        assertThat(TestRecords.streamHeader(routed)).isEqualTo("tenants/acme");
        assertThat(TestRecords.streamHeader(input)).isEqualTo("tenants/evil");
        assertThat(input.headers().size()).isEqualTo(1);
    }

    @Test
    void missingFieldGoesToTheDeadLetterQueueByDefault() {
        configured(Map.of("stream.template", "tenants/${value.tenant}"));

        assertThatThrownBy(() -> route.apply(TestRecords.schemaless("k", Map.of("other", 1))))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("orders-3@1200")
                .hasMessageContaining("${value.tenant} is missing or null");
    }

    @Test
    void missingFieldIsFilteredOutWithDropPolicy() {
        configured(Map.of("stream.template", "tenants/${value.tenant}", "missing.policy", "drop"));

        assertThat(route.apply(TestRecords.schemaless("k", Map.of("other", 1)))).isNull();
    }

    @Test
    void missingFieldGoesToTheDefaultStreamWithDefaultPolicy() {
        configured(Map.of("stream.template", "tenants/${value.tenant}", "missing.policy", "DEFAULT",
                "default.stream", "unrouted"));

        assertThat(TestRecords.streamHeader(route.apply(TestRecords.schemaless("k", Map.of())))).isEqualTo("unrouted");
    }

    @Test
    void tombstoneIsRoutedByItsKeyButNotByItsValue() {
        configured(Map.of("stream.template", "users/${key}", "missing.policy", "drop"));
        assertThat(TestRecords.streamHeader(route.apply(TestRecords.schemaless("alice", null)))).isEqualTo("users/alice");

        StreamRoute<SinkRecord> byValue = new StreamRoute<>();
        byValue.configure(Map.of("stream.template", "users/${value.user}", "missing.policy", "drop"));
        assertThat(byValue.apply(TestRecords.schemaless("alice", null))).isNull();
    }

    @Test
    void emptyAndOverLongValuesFollowTheMissingPolicy() {
        configured(Map.of("stream.template", "t/${value.tenant}", "missing.policy", "drop", "segment.max.length", "8"));

        assertThat(route.apply(TestRecords.schemaless("k", Map.of("tenant", "")))).isNull();
        assertThat(route.apply(TestRecords.schemaless("k", Map.of("tenant", "123456789")))).isNull();
        assertThat(route.apply(TestRecords.schemaless("k", Map.of("tenant", "12345678")))).isNotNull();
    }

    @Test
    void nullFieldInStructIsMissing() {
        configured(Map.of("stream.template", "t/${value.tenant}", "missing.policy", "drop"));

        assertThat(route.apply(TestRecords.withSchema(null, null, ORDER, new Struct(ORDER).put("id", 1L)))).isNull();
    }

    @Test
    void unknownPlaceholderIsAConfigErrorNamingTheKey() {
        assertThatThrownBy(() -> configured(Map.of("stream.template", "tenants/${tenant}")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("stream.template")
                .hasMessageContaining("unknown placeholder ${tenant}");
    }

    @Test
    void unbalancedBracesAreAConfigErrorNamingTheKey() {
        assertThatThrownBy(() -> configured(Map.of("stream.template", "tenants/${value.tenant")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("stream.template")
                .hasMessageContaining("unbalanced braces");
    }

    @Test
    void missingTemplateIsAConfigErrorNamingTheKey() {
        assertThatThrownBy(() -> configured(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("stream.template");
    }

    @Test
    void literalSegmentLongerThanTheLimitIsAConfigError() {
        assertThatThrownBy(() -> configured(Map.of("stream.template", "abcdefghij/${key}", "segment.max.length", "4")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("stream.template")
                .hasMessageContaining("longer than 4");
    }

    @Test
    void defaultPolicyWithoutDefaultStreamIsAConfigErrorNamingTheKey() {
        assertThatThrownBy(() -> configured(Map.of("stream.template", "t/${key}", "missing.policy", "default")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("default.stream");
    }

    @Test
    void invalidDefaultStreamIsAConfigErrorNamingTheKey() {
        Map<String, String> props = new HashMap<>(Map.of("stream.template", "t/${key}", "missing.policy", "default"));
        props.put("default.stream", "../etc");

        assertThatThrownBy(() -> configured(props))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("default.stream");
    }

    @Test
    void connectValidationReportsTheTemplateErrorOnItsKey() {
        var values = StreamRoute.CONFIG_DEF.validate(Map.of("stream.template", "tenants/${tenant}"));

        assertThat(values).filteredOn(v -> v.name().equals("stream.template"))
                .singleElement()
                .satisfies(v -> assertThat(v.errorMessages()).singleElement().asString()
                        .contains("unknown placeholder ${tenant}"));
        assertThat(values).filteredOn(v -> !v.name().equals("stream.template")).allMatch(v -> v.errorMessages().isEmpty());
    }

    @Test
    void unknownPolicyIsAConfigErrorNamingTheKey() {
        assertThatThrownBy(() -> configured(Map.of("stream.template", "t/${key}", "missing.policy", "ignore")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("missing.policy");
    }

    @Test
    void validationReportsAMissingTemplateByNameInsteadOfFailing() {
        assertThat(ConfigErrors.of(StreamRoute.CONFIG_DEF, Map.of("missing.policy", "drop")))
                .containsOnlyKeys("stream.template");
    }

    @Test
    void validationReportsEveryMalformedKeyByName() {
        assertThat(ConfigErrors.of(StreamRoute.CONFIG_DEF, Map.of("stream.template", "orders/../${value.id}",
                "missing.policy", "skip", "default.stream", "a//b", "segment.max.length", "0")))
                .containsOnlyKeys("stream.template", "missing.policy", "default.stream", "segment.max.length");
    }

    @Test
    void validationReportsADefaultPolicyWithoutDefaultStream() {
        assertThat(ConfigErrors.of(StreamRoute.CONFIG_DEF, Map.of("stream.template", "orders/${value.id}",
                "missing.policy", "DEFAULT")))
                .containsOnlyKeys("default.stream")
                .hasEntrySatisfying("default.stream", message -> assertThat(message).contains("missing.policy"));
        assertThat(ConfigErrors.of(StreamRoute.CONFIG_DEF, Map.of("stream.template", "orders/${value.id}",
                "missing.policy", "default", "default.stream", "orders/unrouted"))).isEmpty();
    }
}
