package io.dsk.connector.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.dsk.connector.config.StreamContentType;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class LaneTest {

    private final Lane lane = new Lane(new TopicPartition("t", 0), "s", StreamContentType.JSON, "dsk-x");

    private void enqueue(long offset, int size) {
        lane.enqueue(new PendingRecord(Records.sink("t", 0, offset), "s", StreamContentType.JSON, new byte[size],
                false), 0);
    }

    @Test
    void aBatchStopsBeforeTheByteLimitButAlwaysTakesOneRecord() {
        enqueue(1, 600);
        enqueue(2, 600);
        enqueue(3, 2_000);

        assertThat(lane.takeBatch(100, 1_300, 0).records()).extracting(PendingRecord::offset).containsExactly(1L, 2L);
        assertThat(lane.takeBatch(100, 1_300, 0).records()).extracting(PendingRecord::offset).containsExactly(3L);
    }

    @Test
    void aLaneIsReadyWhenFullLingeredOrClosing() {
        enqueue(1, 10);
        assertThat(lane.isReady(1_000, 2, 1 << 20, 5_000)).isFalse();
        assertThat(lane.isReady(5_000, 2, 1 << 20, 5_000)).isTrue();
        enqueue(2, 10);
        assertThat(lane.isReady(1_000, 2, 1 << 20, 5_000)).isTrue();
        lane.takeBatch(10, 1 << 20, 1_000);
        lane.finish();
        lane.enqueue(Records.closing("s", "t", 0, 3, false), 1_000);
        assertThat(lane.isReady(1_000, 2, 1 << 20, 5_000)).isTrue();
    }

    @Test
    void aRefusedBatchGoesBackInFrontInItsOrderAndLeavesAgainAtHalfItsSize() {
        enqueue(1, 10);
        enqueue(2, 10);
        lane.takeBatch(10, 1 << 20, 0);
        enqueue(3, 10);
        lane.splitAfterRefusal();

        assertThat(lane.isReady(0, 10, 1 << 20, 5_000)).isTrue();
        assertThat(lane.takeBatch(10, 1 << 20, 0).records()).extracting(PendingRecord::offset).containsExactly(1L);
        lane.finish();
        assertThat(lane.takeBatch(10, 1 << 20, 0).records()).extracting(PendingRecord::offset).containsExactly(2L);
    }

    @Test
    void watermarkTrimmingDropsOnlyOffsetsAtOrBelowTheMark() {
        Batch batch = new Batch(lane, new java.util.ArrayList<>(List.of(Records.json("s", "t", 0, 4),
                Records.json("s", "t", 0, 9), Records.json("s", "t", 0, 15))));

        assertThat(batch.trimThrough(9)).extracting(PendingRecord::offset).containsExactly(4L, 9L);
        assertThat(batch.records()).extracting(PendingRecord::offset).containsExactly(15L);
        assertThat(batch.toRequest(0).source().headerValue()).isEqualTo("t/0/15/15");
    }
}
