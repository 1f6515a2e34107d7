package io.dsk.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerThreadsTest {

    @Test
    void threadsOfOneKindFormOneGroup() {
        assertThat(ServerThreads.group("C2 CompilerThre")).isEqualTo("C2 CompilerThre");
        assertThat(ServerThreads.group("XNIO-1 I/O-2")).isEqualTo(ServerThreads.group("XNIO-1 I/O-1"));
        assertThat(ServerThreads.group("GC Thread#3")).isEqualTo("GC Thread");
        assertThat(ServerThreads.group("dsk-append-comm")).isEqualTo("dsk-append-comm");
    }

    @Test
    void ticksByGroupSumsTheGrowthOfEachGroupHighestFirstAndCountsNewThreadsFromZero() {
        ServerThreads.Snapshot before = new ServerThreads.Snapshot(
                Map.of(1L, "GC Thread#0", 2L, "GC Thread#1", 3L, "XNIO-1 I/O-1"), Map.of(1L, 10L, 2L, 20L, 3L, 5L));
        ServerThreads.Snapshot after = new ServerThreads.Snapshot(
                Map.of(1L, "GC Thread#0", 2L, "GC Thread#1", 3L, "XNIO-1 I/O-1", 4L, "XNIO-1 I/O-2"),
                Map.of(1L, 15L, 2L, 22L, 3L, 35L, 4L, 12L));
        Map<String, Long> groups = ServerThreads.ticksByGroup(before, after);
        assertThat(groups).containsExactly(Map.entry("XNIO-1 I/O", 42L), Map.entry("GC Thread", 7L));
    }
}
