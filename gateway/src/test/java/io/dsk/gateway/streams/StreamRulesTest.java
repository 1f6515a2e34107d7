package io.dsk.gateway.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.dsk.gateway.protocol.ProducerHeaders;
import io.dsk.gateway.protocol.SourceRange;
import io.dsk.gateway.protocol.StreamExpiry;
import io.dsk.gateway.store.ProducerState;
import io.dsk.gateway.store.StreamMetadata;
import org.junit.jupiter.api.Test;

/** The pure decision rules: producer state machine, watermark rule, fork expiry table. */
class StreamRulesTest {

    @Test
    void aNewProducerStartsAtSeqZero() {
        ProducerCheck.Decision d = ProducerCheck.decide(null, new ProducerHeaders("p", 4, 0));

        assertThat(d.verdict()).isEqualTo(ProducerCheck.Verdict.ACCEPT);
        assertThat(d.next()).isEqualTo(new ProducerState(4, 0));
        assertThat(ProducerCheck.decide(null, new ProducerHeaders("p", 0, 3)).verdict())
                .isEqualTo(ProducerCheck.Verdict.GAP);
    }

    @Test
    void theNextSeqIsAcceptedAndOlderOnesAreDuplicates() {
        ProducerState state = new ProducerState(2, 5);

        assertThat(ProducerCheck.decide(state, new ProducerHeaders("p", 2, 6)).next()).isEqualTo(new ProducerState(2, 6));
        assertThat(ProducerCheck.decide(state, new ProducerHeaders("p", 2, 5)).verdict())
                .isEqualTo(ProducerCheck.Verdict.DUPLICATE);
        assertThat(ProducerCheck.decide(state, new ProducerHeaders("p", 2, 0)).verdict())
                .isEqualTo(ProducerCheck.Verdict.DUPLICATE);
    }

    @Test
    void aSkippedSeqIsAGapExpectingTheNextOne() {
        ProducerCheck.Decision d = ProducerCheck.decide(new ProducerState(0, 1), new ProducerHeaders("p", 0, 3));

        assertThat(d.verdict()).isEqualTo(ProducerCheck.Verdict.GAP);
        assertThat(d.expectedSeq()).isEqualTo(2);
    }

    @Test
    void epochsFenceOlderOnesAndNewOnesMustStartAtZero() {
        ProducerState state = new ProducerState(5, 9);

        assertThat(ProducerCheck.decide(state, new ProducerHeaders("p", 4, 10)).verdict())
                .isEqualTo(ProducerCheck.Verdict.STALE_EPOCH);
        assertThat(ProducerCheck.decide(state, new ProducerHeaders("p", 6, 1)).verdict())
                .isEqualTo(ProducerCheck.Verdict.NEW_EPOCH_NOT_AT_ZERO);
        assertThat(ProducerCheck.decide(state, new ProducerHeaders("p", 6, 0)).next())
                .isEqualTo(new ProducerState(6, 0));
    }

    @Test
    void theWatermarkRuleAppendsAboveDeduplicatesBelowAndRefusesStraddles() {
        assertThat(WatermarkCheck.decide(null, range(0, 9))).isEqualTo(WatermarkCheck.Verdict.APPEND);
        assertThat(WatermarkCheck.decide(9L, range(10, 19))).isEqualTo(WatermarkCheck.Verdict.APPEND);
        assertThat(WatermarkCheck.decide(9L, range(0, 9))).isEqualTo(WatermarkCheck.Verdict.DUPLICATE);
        assertThat(WatermarkCheck.decide(9L, range(5, 5))).isEqualTo(WatermarkCheck.Verdict.DUPLICATE);
        assertThat(WatermarkCheck.decide(9L, range(9, 10))).isEqualTo(WatermarkCheck.Verdict.STRADDLES);
        assertThat(WatermarkCheck.decide(9L, range(0, 100))).isEqualTo(WatermarkCheck.Verdict.STRADDLES);
    }

    @Test
    void forkExpiryFollowsTheInheritanceTable() {
        StreamExpiry none = StreamExpiry.NONE;
        StreamExpiry ttl = StreamExpiry.parse("60", null);
        StreamExpiry at = StreamExpiry.parse(null, "2030-01-01T00:00:00Z");
        StreamMetadata noExpirySource = source(-1, null, -1);
        StreamMetadata ttlSource = source(3600, null, -1);
        StreamMetadata atSource = source(-1, "2031-01-01T00:00:00Z", 1_924_992_000_000L);

        assertThat(ForkExpiry.resolve(noExpirySource, none)).isEqualTo(none);
        assertThat(ForkExpiry.resolve(noExpirySource, ttl)).isEqualTo(ttl);
        assertThat(ForkExpiry.resolve(noExpirySource, at)).isEqualTo(at);
        assertThat(ForkExpiry.resolve(ttlSource, none).ttlSeconds()).isEqualTo(3600);
        assertThat(ForkExpiry.resolve(ttlSource, ttl)).isEqualTo(ttl);
        assertThat(ForkExpiry.resolve(ttlSource, at)).isEqualTo(at);
        assertThat(ForkExpiry.resolve(atSource, none).expiresAtMillis()).isEqualTo(1_924_992_000_000L);
        assertThat(ForkExpiry.resolve(atSource, ttl)).isEqualTo(ttl);
        assertThat(ForkExpiry.resolve(atSource, at)).isEqualTo(at);
    }

    private static SourceRange range(long first, long last) {
        return new SourceRange("t", 0, first, last);
    }

    private static StreamMetadata source(long ttl, String expiresAt, long expiresAtMillis) {
        return new StreamMetadata(1, "src", "text/plain", ttl, expiresAt, expiresAtMillis, 0, 0, false, null, null,
                -1, null, 0, 0, false);
    }
}
