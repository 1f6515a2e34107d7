package io.dsk.transforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class AudienceGuardTest {

    private static final Schema ORDER = SchemaBuilder.struct().field("tenant", Schema.OPTIONAL_STRING_SCHEMA).build();

    private static AudienceGuard<SinkRecord> guard(String... keyValues) {
        Map<String, String> props = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        AudienceGuard<SinkRecord> guard = new AudienceGuard<>();
        guard.configure(props);
        return guard;
    }

    private static SinkRecord order(String tenant, String stream) {
        Map<String, Object> value = new HashMap<>();
        value.put("tenant", tenant);
        return stream == null ? TestRecords.schemaless("k", value)
                : TestRecords.schemaless("k", value, Map.of(StreamHeaders.STREAM, stream));
    }

    private static AudienceGuard<SinkRecord> pathGuard() {
        return guard("audience.field", "value.tenant", "stream.pattern", "tenants/{audience}/**");
    }

    @Test
    void recordOfItsOwnTenantPassesUnchanged() {
        SinkRecord record = order("acme", "tenants/acme/orders");

        assertThat(pathGuard().apply(record)).isSameAs(record);
    }

    @Test
    void recordOfAnotherTenantIsDroppedWhenPathSegmentDiffers() {
        assertThat(pathGuard().apply(order("acme", "tenants/globex/orders"))).isNull();
    }

    @Test
    void recordWithoutStreamHeaderNeverPassesWhenPathMatchingIsConfigured() {
        assertThat(pathGuard().apply(order("acme", null))).isNull();
    }

    @Test
    void recordWhosePathDoesNotMatchThePatternIsDropped() {
        assertThat(pathGuard().apply(order("acme", "public/acme/orders"))).isNull();
        assertThat(pathGuard().apply(order("acme", "tenants"))).isNull();
    }

    @Test
    void malformedStreamHeaderNeverPasses() {
        assertThat(pathGuard().apply(order("acme", "tenants/acme/../globex"))).isNull();
        assertThat(pathGuard().apply(order("acme", "/tenants/acme"))).isNull();
        SinkRecord nonString = TestRecords.record(null, "k", null, Map.of("tenant", "acme"),
                new ConnectHeaders().addInt(StreamHeaders.STREAM, 5));
        assertThat(pathGuard().apply(nonString)).isNull();
    }

    @Test
    void audienceIsComparedInItsEncodedPathForm() {
        assertThat(pathGuard().apply(order("a/b", "tenants/a%2Fb/orders"))).isNotNull();
        assertThat(pathGuard().apply(order("a/b", "tenants/a/b"))).isNull();
        assertThat(pathGuard().apply(order("%2F", "tenants/%2F/x"))).isNull();
        assertThat(pathGuard().apply(order("..", "tenants/%2E%2E/x"))).isNotNull();
    }

    @Test
    void lastStreamHeaderIsTheOneChecked() {
        SinkRecord record = TestRecords.record(null, "k", null, Map.of("tenant", "acme"), new ConnectHeaders()
                .addString(StreamHeaders.STREAM, "tenants/acme/x").addString(StreamHeaders.STREAM, "tenants/globex/x"));

        assertThat(pathGuard().apply(record)).isNull();
    }

    @Test
    void missingNullOrEmptyAudienceNeverPasses() {
        AudienceGuard<SinkRecord> guard = guard("audience.field", "value.tenant", "allowed.pattern", ".*");

        assertThat(guard.apply(order(null, null))).isNull();
        assertThat(guard.apply(order("", null))).isNull();
        assertThat(guard.apply(TestRecords.schemaless("k", Map.of()))).isNull();
        assertThat(guard.apply(TestRecords.schemaless("k", null))).isNull();
        assertThat(guard.apply(TestRecords.schemaless("k", Map.of("tenant", Map.of("id", "acme"))))).isNull();
    }

    @Test
    void allowListAdmitsOnlyListedAudiences() {
        AudienceGuard<SinkRecord> guard = guard("audience.field", "value.tenant", "allowed.audiences", "acme,initech");

        assertThat(guard.apply(order("acme", null))).isNotNull();
        assertThat(guard.apply(order("initech", null))).isNotNull();
        assertThat(guard.apply(order("globex", null))).isNull();
        assertThat(guard.apply(order("ACME", null))).isNull();
    }

    @Test
    void regexMustMatchTheWholeAudience() {
        AudienceGuard<SinkRecord> guard = guard("audience.field", "value.tenant", "allowed.pattern", "[a-z]{2,8}");

        assertThat(guard.apply(order("acme", null))).isNotNull();
        assertThat(guard.apply(order("acme!", null))).isNull();
        assertThat(guard.apply(order("a", null))).isNull();
    }

    @Test
    void everyConfiguredCheckMustPass() {
        AudienceGuard<SinkRecord> guard = guard("audience.field", "value.tenant", "allowed.audiences", "acme,globex",
                "allowed.pattern", "a.*", "stream.pattern", "tenants/{audience}/**");

        assertThat(guard.apply(order("acme", "tenants/acme/x"))).isNotNull();
        assertThat(guard.apply(order("globex", "tenants/globex/x"))).isNull();
        assertThat(guard.apply(order("anvil", "tenants/anvil/x"))).isNull();
    }

    @Test
    void audienceCanComeFromAStructValueAKeyFieldOrAHeader() {
        AudienceGuard<SinkRecord> fromStruct = guard("audience.field", "value.tenant", "allowed.audiences", "acme");
        assertThat(fromStruct.apply(TestRecords.withSchema(null, null, ORDER, new Struct(ORDER).put("tenant", "acme"))))
                .isNotNull();
        assertThat(fromStruct.apply(TestRecords.withSchema(null, null, ORDER, new Struct(ORDER)))).isNull();

        AudienceGuard<SinkRecord> fromKey = guard("audience.field", "key.user", "allowed.audiences", "7");
        assertThat(fromKey.apply(TestRecords.schemaless(Map.of("user", 7L), null))).isNotNull();

        AudienceGuard<SinkRecord> fromHeader = guard("audience.field", "header.X-Tenant", "allowed.audiences", "acme");
        assertThat(fromHeader.apply(TestRecords.schemaless("k", "v", Map.of("X-Tenant", "acme")))).isNotNull();
        assertThat(fromHeader.apply(TestRecords.schemaless("k", "v"))).isNull();
    }

    @Test
    void topicCanBeTheAudience() {
        AudienceGuard<SinkRecord> guard = guard("audience.field", "topic", "stream.pattern", "{audience}/**");

        assertThat(guard.apply(TestRecords.schemaless("k", "v", Map.of(StreamHeaders.STREAM, "orders/eu")))).isNotNull();
        assertThat(guard.apply(TestRecords.schemaless("k", "v", Map.of(StreamHeaders.STREAM, "payments/eu")))).isNull();
    }

    @Test
    void tombstonePassesOnlyIfItsAudienceIsReadFromOutsideTheValue() {
        SinkRecord tombstone = TestRecords.schemaless("acme", null, Map.of(StreamHeaders.STREAM, "tenants/acme/x"));

        assertThat(guard("audience.field", "key", "stream.pattern", "tenants/{audience}/**").apply(tombstone)).isNotNull();
        assertThat(pathGuard().apply(tombstone)).isNull();
    }

    @Test
    void booleansAndDecimalsAreNotAudiences() {
        AudienceGuard<SinkRecord> guard = guard("audience.field", "value.tenant", "allowed.pattern", ".*");

        assertThat(guard.apply(TestRecords.schemaless("k", Map.of("tenant", true)))).isNull();
        assertThat(guard.apply(TestRecords.schemaless("k", Map.of("tenant", 1.5)))).isNull();
    }

    @Test
    void rejectionCanGoToTheDeadLetterQueueWithoutRevealingTheAudience() {
        AudienceGuard<SinkRecord> guard = guard("audience.field", "value.tenant", "stream.pattern", "tenants/{audience}",
                "on.rejected", "dlq");

        assertThatThrownBy(() -> guard.apply(order("acme", "tenants/globex")))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("orders-3@1200")
                .hasMessageContaining("another audience")
                .hasMessageNotContaining("acme").hasMessageNotContaining("globex");
    }

    @Test
    void rejectionCanFailTheTask() {
        AudienceGuard<SinkRecord> guard = guard("audience.field", "value.tenant", "allowed.audiences", "acme",
                "on.rejected", "fail");

        assertThatThrownBy(() -> guard.apply(order("globex", null)))
                .isInstanceOf(ConnectException.class)
                .isNotInstanceOf(DataException.class);
    }

    @Test
    void guardWithoutAnyCheckIsAConfigError() {
        assertThatThrownBy(() -> guard("audience.field", "value.tenant"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("allowed.audiences");
    }

    @Test
    void badConfigValuesAreConfigErrorsNamingTheKey() {
        assertThatThrownBy(() -> guard("audience.field", "tenant", "allowed.pattern", ".*"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("audience.field");
        assertThatThrownBy(() -> guard("audience.field", "value.tenant", "allowed.pattern", "[a-"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("allowed.pattern");
        assertThatThrownBy(() -> guard("audience.field", "value.tenant", "stream.pattern", "tenants/*/**"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("stream.pattern");
        assertThatThrownBy(() -> guard("audience.field", "value.tenant", "allowed.pattern", ".*", "on.rejected", "log"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("on.rejected");
        assertThatThrownBy(() -> guard("allowed.pattern", ".*"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("audience.field");
    }

    @Test
    void validationReportsAMissingAudienceFieldByNameInsteadOfFailing() {
        assertThat(ConfigErrors.of(AudienceGuard.CONFIG_DEF, Map.of("allowed.pattern", ".*")))
                .containsOnlyKeys("audience.field");
    }

    @Test
    void validationReportsEveryMalformedKeyByName() {
        assertThat(ConfigErrors.of(AudienceGuard.CONFIG_DEF, Map.of("audience.field", "tenant",
                "allowed.pattern", "[a-", "stream.pattern", "tenants/*/**", "on.rejected", "log")))
                .containsOnlyKeys("audience.field", "allowed.pattern", "stream.pattern", "on.rejected");
    }

    @Test
    void validationReportsAGuardWithoutAnyCheck() {
        assertThat(ConfigErrors.of(AudienceGuard.CONFIG_DEF, Map.of("audience.field", "value.tenant")))
                .containsOnlyKeys("allowed.audiences")
                .hasEntrySatisfying("allowed.audiences", message -> assertThat(message)
                        .contains("allowed.pattern").contains("stream.pattern"));
        assertThat(ConfigErrors.of(AudienceGuard.CONFIG_DEF, Map.of("audience.field", "value.tenant",
                "stream.pattern", "tenants/{audience}/**"))).isEmpty();
    }
}
