package io.dsk.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Runs {@code dsk} in this JVM with its own standard streams and environment, as a test would type it. */
final class DskRun {

    /**
     * What a run left.
     *
     * @param status the exit status
     * @param stdout standard output's bytes
     * @param stderr standard error
     */
    record Result(int status, byte[] stdout, String stderr) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        List<String> lines() {
            return out().lines().toList();
        }
    }

    private final Map<String, String> env;

    private DskRun(Map<String, String> env) {
        this.env = env;
    }

    /** Runs against the gateway at {@code url} (through {@code DSK_URL}). */
    static DskRun against(String url) {
        return new DskRun(Map.of(DskCommand.ENV_URL, url));
    }

    static DskRun withEnvironment(Map<String, String> env) {
        return new DskRun(env);
    }

    Result run(String... args) {
        return runWithInput(new byte[0], args);
    }

    Result runWithInput(String stdin, String... args) {
        return runWithInput(stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    Result runWithInput(byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        int status = DskCommand.run(args, new Terminal(new ByteArrayInputStream(stdin), out, errStream, env));
        errStream.flush();
        return new Result(status, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }
}
