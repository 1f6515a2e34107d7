package io.dsk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The packaged jar and the launcher script, run as processes: exit statuses, Ctrl-C, resuming a tail. */
class DskProcessIT {

    private static final Path JAR = Path.of(System.getProperty("dsk.cli.jar", "target/dsk-cli.jar"));
    private static final Path LAUNCHER = Path.of(System.getProperty("dsk.cli.launcher", "bin/dsk"));
    private static final long WAIT_SECONDS = 60;
    /** SIGINT (2) in the signal masks of {@code /proc/<pid>/status}. */
    private static final long SIGINT_BIT = 1L << (2 - 1);

    private static InProcessGateway gateway;

    @BeforeAll
    static void startGateway() throws Exception {
        assertThat(JAR).exists();
        gateway = InProcessGateway.start();
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
    }

    /** A running dsk process whose standard output is read line by line as it comes. */
    private record Running(Process process, BlockingQueue<String> lines, CompletableFuture<String> stderr) {

        String nextLine() throws InterruptedException {
            String line = lines.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(line).as("a line of output within %d s", WAIT_SECONDS).isNotNull();
            return line;
        }

        int exit() throws InterruptedException {
            assertThat(process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).as("exited").isTrue();
            return process.exitValue();
        }
    }

    private static Running start(List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put(DskCommand.ENV_URL, gateway.url());
        builder.environment().remove(DskCommand.ENV_TOKEN);
        Process process = builder.start();
        process.getOutputStream().close();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("<stdout failed: " + e + ">");
            }
        }, "dsk-stdout");
        reader.setDaemon(true);
        reader.start();
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        return new Running(process, lines, stderr);
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "<stderr failed: " + e + ">";
        }
    }

    private static List<String> launcher(String... args) {
        List<String> command = new ArrayList<>(List.of("bash", LAUNCHER.toString()));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * The command as a terminal's foreground job runs it, with SIGINT at its default. A shell script
     * without job control starts its background jobs with SIGINT ignored, and a JVM started so never
     * handles it, so when these tests run in such a job (as {@code mvn verify &} in a script) the
     * command is started through {@code env --default-signal=INT} (GNU coreutils; Linux only, where
     * {@code /proc/self/status} says what this process ignores).
     */
    private static List<String> interruptible(List<String> command) throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return command;
        }
        boolean ignored = Files.readAllLines(status).stream().filter(line -> line.startsWith("SigIgn:"))
                .anyMatch(line -> (Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16) & SIGINT_BIT) != 0);
        if (!ignored) {
            return command;
        }
        List<String> reset = new ArrayList<>(List.of("env", "--default-signal=INT"));
        reset.addAll(command);
        return reset;
    }

    private static List<String> jar(String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return command;
    }

    private static DskRun.Result inProcess(String stdin, String... args) {
        DskRun.Result result = DskRun.against(gateway.url()).runWithInput(stdin, args);
        assertThat(result.status()).as(result.stderr()).isZero();
        return result;
    }

    @Test
    void theLauncherRunsTheJarAndKeepsItsExitStatuses() throws Exception {
        assertThat(Files.isExecutable(LAUNCHER)).isTrue();
        inProcess("", "create", "process/launcher", "--content-type", "text/plain");

        Running list = start(launcher("ls", "process/"));
        assertThat(list.nextLine()).isEqualTo("process/launcher");
        assertThat(list.exit()).isZero();

        Running missing = start(launcher("head", "process/missing"));
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.stderr().get(WAIT_SECONDS, TimeUnit.SECONDS))
                .isEqualTo("dsk: error: stream process/missing not found (HTTP 404)\n");

        Running usage = start(launcher("head"));
        assertThat(usage.exit()).isEqualTo(2);
        assertThat(usage.stderr().get(WAIT_SECONDS, TimeUnit.SECONDS)).contains("Missing required parameter", "PATH");
    }

    @Test
    void ctrlCStopsTailWithStatusZeroAndTheOffsetToResumeFrom() throws Exception {
        inProcess("", "create", "process/tail", "--content-type", "application/json");
        inProcess("{\"n\":1}\n{\"n\":2}\n", "append", "process/tail", "--json-lines");

        Running tail = start(interruptible(launcher("tail", "process/tail", "--from", "-1")));
        assertThat(tail.nextLine()).isEqualTo("{\"n\":1}");
        assertThat(tail.nextLine()).isEqualTo("{\"n\":2}");
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(tail.process().pid())).start();
        assertThat(kill.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();

        assertThat(tail.exit()).isZero();
        String stderr = tail.stderr().get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(stderr).matches("next offset: [0-9]{16}_[0-9]{16}\n");
        String resumeFrom = stderr.substring("next offset: ".length()).strip();

        inProcess("{\"n\":3}", "append", "process/tail");
        inProcess("", "close", "process/tail");
        Running resumed = start(jar("tail", "process/tail", "--from", resumeFrom));
        assertThat(resumed.nextLine()).isEqualTo("{\"n\":3}");
        assertThat(resumed.exit()).isZero();
        assertThat(resumed.lines()).isEmpty();
        assertThat(resumed.stderr().get(WAIT_SECONDS, TimeUnit.SECONDS)).startsWith("next offset: ")
                .doesNotContain("Exception");
    }

    @Test
    void aReaderThatGoesAwayEndsReadQuietly() throws Exception {
        inProcess("", "create", "process/pipe", "--content-type", "application/json");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            lines.append("{\"n\":").append(i).append("}\n");
        }
        inProcess(lines.toString(), "append", "process/pipe", "--json-lines");

        ProcessBuilder pipeline = new ProcessBuilder("bash", "-c",
                "set -o pipefail; bash \"$0\" read process/pipe | head -n 1", LAUNCHER.toString());
        pipeline.environment().put(DskCommand.ENV_URL, gateway.url());
        Process process = pipeline.start();
        String stdout = readAll(process.getInputStream());
        String stderr = readAll(process.getErrorStream());
        assertThat(process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(stdout).isEqualTo("{\"n\":0}\n");
        assertThat(stderr).isEmpty();
        assertThat(process.exitValue()).isZero();
    }
}
