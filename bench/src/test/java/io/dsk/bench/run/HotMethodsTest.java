package io.dsk.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HotMethodsTest {

    @TempDir
    Path dir;

    @Test
    void summaryListsTheMethodThatBurnedTheCpu() throws Exception {
        Path file = dir.resolve("busy.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(10));
            recording.start();
            assertThat(spin(400_000_000L)).isPositive();
            recording.stop();
            recording.dump(file);
        }
        String summary = HotMethods.summarise(file, 10);
        assertThat(summary).contains("execution samples").contains("Self (top of stack)");
        assertThat(summary).contains(HotMethodsTest.class.getName() + ".spin");
    }

    @Test
    void theSummarySitsBesideTheRecording() {
        assertThat(HotMethods.summaryFile(Path.of("profiles/2026-11-24-appends.jfr")))
                .isEqualTo(Path.of("profiles/2026-11-24-appends-hot-methods.txt"));
    }

    private static double spin(long nanos) {
        long deadline = System.nanoTime() + nanos;
        double sink = 0;
        while (System.nanoTime() < deadline) {
            sink += Math.sqrt(sink + 1);
        }
        return sink;
    }
}
