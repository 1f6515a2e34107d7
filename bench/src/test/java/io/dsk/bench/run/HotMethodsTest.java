package io.dsk.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HotMethodsTest {

    @TempDir
    Path dir;

    @Test
    void summaryListsTheMethodThatBurnedTheCpu() throws Exception {
        Path file = dir.resolve("busy.jfr");
        String summary = "";
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            recording.start();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!summary.contains(".spin") && System.nanoTime() < deadline) {
                assertThat(spin(300_000_000L)).isPositive();
                recording.dump(file);
                summary = HotMethods.summarise(file, 10);
            }
        }
        assertThat(summary).contains("execution samples").contains("Self (top of stack)").contains("Waiting");
        assertThat(summary).contains(HotMethodsTest.class.getName() + ".spin");
    }

    @Test
    void waitsAreSummedByTypeAndPlace() throws Exception {
        Path file = dir.resolve("wait.jfr");
        Path scratch = dir.resolve("scratch.bin");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.FileForce").withThreshold(Duration.ZERO);
            recording.start();
            try (FileChannel channel = FileChannel.open(scratch, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(new byte[] {1}));
                channel.force(true);
            }
            recording.stop();
            recording.dump(file);
        }
        assertThat(HotMethods.summarise(file, 10)).containsPattern("\\s+1\\s+\\d+ ms  FileForce in ");
    }

    @Test
    void theSummarySitsBesideTheRecording() {
        assertThat(HotMethods.summaryFile(Path.of("profiles/2026-11-24-appends.jfr")))
                .isEqualTo(Path.of("profiles/2026-11-24-appends-hot-methods.txt"));
    }

    /**
     * Burns CPU in Java code for about {@code nanos}, reading the clock once per 100,000 steps so
     * that nearly all the time is in this method's own loop: with the clock read at every step, one
     * build's run got no execution sample of this method in 60 s of spinning.
     */
    private static double spin(long nanos) {
        long deadline = System.nanoTime() + nanos;
        double sink = 0;
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < 100_000; i++) {
                sink += Math.sqrt(sink + 1);
            }
        }
        return sink;
    }
}
