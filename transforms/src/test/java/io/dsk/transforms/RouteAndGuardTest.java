package io.dsk.transforms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dsk.path.StreamPath;
import io.dsk.path.StreamPathPattern;

import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/** StreamRoute followed by AudienceGuard, as a connector chain runs them. */
class RouteAndGuardTest {

    private static SinkRecord chain(String template, Map<String, Object> value) {
        StreamRoute<SinkRecord> route = new StreamRoute<>();
        route.configure(Map.of("stream.template", template, "segment.max.length", "1024", "missing.policy", "drop"));
        AudienceGuard<SinkRecord> guard = new AudienceGuard<>();
        guard.configure(Map.of("audience.field", "value.tenant", "stream.pattern", "tenants/{audience}/**"));
        SinkRecord routed = route.apply(TestRecords.schemaless("k", value));
        return routed == null ? null : guard.apply(routed);
    }

    @Test
    void everyTenantRoutedByItsOwnFieldPassesWhateverItsCharacters() {
        for (String tenant : HostileValues.corpus()) {
            SinkRecord passed = chain("tenants/${value.tenant}/orders", Map.of("tenant", tenant));

            assertThat(passed).as("tenant %s", HostileValues.describe(tenant)).isNotNull();
        }
    }

    @Test
    void recordRoutedByAnotherTenantsFieldNeverPasses() {
        List<String> tenants = HostileValues.corpus();
        for (int i = 0; i < tenants.size(); i++) {
            String own = tenants.get(i);
            String other = tenants.get((i + 1) % tenants.size());
            if (own.equals(other)) {
                continue;
            }

            SinkRecord passed = chain("tenants/${value.target}/orders", Map.of("tenant", own, "target", other));

            assertThat(passed).as("tenant %s routed to %s", HostileValues.describe(own),
                    HostileValues.describe(other)).isNull();
        }
    }

    @Test
    void valueThatLooksLikeAPathCannotReachAnotherTenantsStream() {
        assertThat(chain("tenants/${value.target}", Map.of("tenant", "acme", "target", "acme/../globex"))).isNull();
        assertThat(chain("tenants/${value.tenant}/${value.target}", Map.of("tenant", "acme", "target", "../../globex")))
                .isNotNull()
                .satisfies(r -> assertThat(TestRecords.streamHeader(r)).isEqualTo("tenants/acme/..%2F..%2Fglobex"));
    }

    @Test
    void everyRoutedValueLandsInExactlyOneSegmentThatTheGatewayReadsBackAndOnlyItsOwnClaimMatches() {
        StreamPathPattern grant = StreamPathPattern.parse("tenants/{sub}/**");
        List<String> tenants = HostileValues.corpus();
        for (int i = 0; i < tenants.size(); i++) {
            String tenant = tenants.get(i);
            String described = HostileValues.describe(tenant);
            SinkRecord passed = chain("tenants/${value.tenant}/orders", Map.of("tenant", tenant));
            StreamPath name = StreamPath.of(TestRecords.streamHeader(passed));

            assertThat(name.segments()).as(described).hasSize(3).startsWith("tenants").endsWith("orders");
            assertThat(StreamPath.decodeSegment(name.segments().get(1))).as(described).isEqualTo(tenant);
            assertThat(StreamPath.fromRequestPath(StreamPath.URL_PREFIX + name.toUrlPath()))
                    .as("the gateway's reading of the URL for %s", described).isEqualTo(name);
            assertThat(grant.matches(name, claim -> Optional.of(tenant))).as("owner %s", described).isTrue();
            String other = tenants.get((i + 1) % tenants.size());
            if (!other.equals(tenant)) {
                assertThat(grant.matches(name, claim -> Optional.of(other)))
                        .as("%s reading the stream of %s", HostileValues.describe(other), described).isFalse();
            }
        }
    }
}
