package io.dsk.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SaturationLadderTest {

    @Test
    void climbsWhileThroughputRisesAndHoldsTheBestStep() {
        SaturationLadder ladder = new SaturationLadder(List.of(16, 64, 256, 1024));
        assertThat(ladder.nextWriters()).isEqualTo(16);
        ladder.record(10_000);
        assertThat(ladder.done()).isFalse();
        assertThat(ladder.nextWriters()).isEqualTo(64);
        ladder.record(20_000);
        assertThat(ladder.done()).isFalse();
        ladder.record(21_000);
        assertThat(ladder.done()).as("5% above the best is not a rise").isTrue();
        assertThat(ladder.heldWriters()).isEqualTo(256);
        assertThat(ladder.steps()).extracting(SaturationLadder.Step::writers).containsExactly(16, 64, 256);
    }

    @Test
    void aFallAfterTheKneeHoldsTheStepBeforeIt() {
        SaturationLadder ladder = new SaturationLadder(List.of(16, 64, 256));
        ladder.record(10_000);
        ladder.record(30_000);
        ladder.record(25_000);
        assertThat(ladder.done()).isTrue();
        assertThat(ladder.heldWriters()).isEqualTo(64);
    }

    @Test
    void aTieHoldsTheLowerConcurrency() {
        SaturationLadder ladder = new SaturationLadder(List.of(16, 64));
        ladder.record(10_000);
        ladder.record(10_000);
        assertThat(ladder.heldWriters()).isEqualTo(16);
    }

    @Test
    void stopsAfterTheLastStepEvenWhileRising() {
        SaturationLadder ladder = new SaturationLadder(List.of(16, 64));
        ladder.record(1_000);
        ladder.record(5_000);
        assertThat(ladder.done()).isTrue();
        assertThat(ladder.heldWriters()).isEqualTo(64);
        assertThatThrownBy(ladder::nextWriters).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void stepsMustRise() {
        assertThatThrownBy(() -> new SaturationLadder(List.of(64, 16))).hasMessageContaining("must rise");
        assertThatThrownBy(() -> new SaturationLadder(List.of())).hasMessageContaining("at least one");
    }
}
