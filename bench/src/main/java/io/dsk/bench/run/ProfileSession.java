package io.dsk.bench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Java Flight Recorder recording of a server JVM, started and dumped with {@code jcmd}. Stopping
 * it writes the {@code .jfr} file and a {@link HotMethods} text summary next to it. A session for a
 * server that is not a JVM (the Node reference) records nothing.
 */
public final class ProfileSession {

    private final long pid;
    private final Path recording;
    private final String name;
    private final boolean active;

    private ProfileSession(long pid, Path recording, boolean active) {
        this.pid = pid;
        this.recording = recording;
        this.name = "dsk-bench-" + Long.toHexString(System.nanoTime());
        this.active = active;
    }

    /** A session that records nothing, for servers that are not JVMs. */
    static ProfileSession none() {
        return new ProfileSession(-1, null, false);
    }

    /**
     * Starts JFR with the {@code profile} settings (10 ms execution samples) in a running JVM.
     *
     * @param pid the JVM's process id
     * @param recording where {@link #stop()} writes the recording
     * @return the started session
     * @throws IOException if {@code jcmd} fails
     */
    static ProfileSession start(long pid, Path recording) throws IOException {
        ProfileSession session = new ProfileSession(pid, recording, true);
        session.jcmd("JFR.start", "name=" + session.name, "settings=profile", "maxsize=20m");
        return session;
    }

    /**
     * Stops the recording and writes it with its summary.
     *
     * @return the {@code .jfr} file, or empty for a session that records nothing
     * @throws IOException if {@code jcmd} or the summary fails
     */
    public Optional<Path> stop() throws IOException {
        if (!active) {
            return Optional.empty();
        }
        Files.createDirectories(recording.toAbsolutePath().getParent());
        jcmd("JFR.stop", "name=" + name, "filename=" + recording.toAbsolutePath());
        Files.writeString(HotMethods.summaryFile(recording), HotMethods.summarise(recording, 25));
        return Optional.of(recording);
    }

    private void jcmd(String... command) throws IOException {
        List<String> line = new ArrayList<>();
        line.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        line.add(Long.toString(pid));
        line.addAll(List.of(command));
        Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || out.contains("Could not")) {
                throw new IOException(String.join(" ", line) + " failed: " + out.trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running jcmd", e);
        }
    }
}
