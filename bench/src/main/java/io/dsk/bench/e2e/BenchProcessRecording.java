package io.dsk.bench.e2e;

import io.dsk.bench.run.HotMethods;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * A Java Flight Recorder recording of this process, which hosts the Kafka broker, the Connect worker
 * and the connector besides the load generator: the other half of the pipeline next to the
 * gateway's own recording. Stopping it writes the {@code .jfr} file and a hot-method summary.
 */
final class BenchProcessRecording {

    private final Recording recording;
    private final Path file;

    private BenchProcessRecording(Recording recording, Path file) {
        this.recording = recording;
        this.file = file;
    }

    /** Starts recording with JFR's {@code profile} settings (10 ms execution samples). */
    static BenchProcessRecording start(Path file) throws IOException {
        try {
            Recording recording = new Recording(Configuration.getConfiguration("profile"));
            recording.setName("dsk-bench-e2e");
            recording.start();
            return new BenchProcessRecording(recording, file);
        } catch (ParseException e) {
            throw new IOException("the JDK's JFR profile settings cannot be read", e);
        }
    }

    /** Stops, writes the recording and its summary, and returns the recording's file. */
    Path stop() throws IOException {
        try {
            recording.stop();
            Files.createDirectories(file.toAbsolutePath().getParent());
            recording.dump(file);
        } finally {
            recording.close();
        }
        Files.writeString(HotMethods.summaryFile(file), HotMethods.summarise(file, 25));
        return file;
    }
}
