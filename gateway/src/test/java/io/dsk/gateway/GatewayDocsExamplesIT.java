package io.dsk.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs every {@code sh} block of the Examples section of {@code docs/gateway.md}, in order, with
 * bash and curl against a fresh gateway jar, and checks that each line of the {@code text} block
 * that follows a command appears in what the command printed.
 */
class GatewayDocsExamplesIT {

    private static final Path DOC = Path.of(System.getProperty("dsk.repo.root", ".."), "docs", "gateway.md");
    private static final String SECTION = "## Examples";

    private static GatewayProcess gateway;

    @BeforeAll
    static void startGateway() throws Exception {
        gateway = GatewayProcess.start("docs-examples", "--host", "127.0.0.1", "--port", "0", "--in-memory",
                "--long-poll-timeout", "500ms");
    }

    @AfterAll
    static void stopGateway() throws InterruptedException {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void everyCurlExampleOfTheGatewayDocWorksAsShown() throws Exception {
        List<Example> examples = examples(Files.readString(DOC, StandardCharsets.UTF_8));
        assertThat(examples).as("sh blocks in the %s section of %s", SECTION, DOC).hasSizeGreaterThanOrEqualTo(10);
        String all = examples.stream().map(Example::command).collect(Collectors.joining("\n"));
        for (String operation : List.of("-X PUT", "-X POST", "-X DELETE", "-I ", "Stream-Closed: true",
                "Stream-Forked-From:", "Producer-Id:", "live=long-poll", "live=sse")) {
            assertThat(all).as("the examples show %s", operation).contains(operation);
        }
        for (Example example : examples) {
            String output = run(example.command());
            List<String> lines = Arrays.stream(output.split("\n")).map(String::strip).collect(Collectors.toList());
            for (String expected : example.expected()) {
                assertThat(lines).as("output of%n%s%nwas:%n%s", example.command(), output).contains(expected.strip());
            }
        }
    }

    private static String run(String command) throws Exception {
        Path out = Files.createTempFile("dsk-example", ".txt");
        try {
            Process bash = new ProcessBuilder("bash", "-euo", "pipefail", "-c", command)
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start();
            bash.getOutputStream().close();
            assertThat(bash.waitFor(60, TimeUnit.SECONDS)).as("example finished: %s", command).isTrue();
            String output = Files.readString(out, StandardCharsets.UTF_8).replace("\r", "");
            assertThat(bash.exitValue()).as("exit status of%n%s%noutput:%n%s", command, output).isZero();
            return output;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** A command block and the lines of the output block after it (none when there is none). */
    private record Example(String command, List<String> expected) {
    }

    static List<Example> examples(String doc) {
        int start = doc.indexOf("\n" + SECTION + "\n");
        assertThat(start).as("%s has a section %s", DOC, SECTION).isNotNegative();
        int end = doc.indexOf("\n## ", start + SECTION.length() + 2);
        String section = doc.substring(start, end < 0 ? doc.length() : end);
        List<Example> examples = new ArrayList<>();
        String[] lines = section.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].equals("```sh")) {
                continue;
            }
            StringBuilder command = new StringBuilder("DSK=" + gatewayUrl() + "\n");
            for (i++; !lines[i].equals("```"); i++) {
                command.append(lines[i]).append('\n');
            }
            List<String> expected = new ArrayList<>();
            int next = i + 1;
            while (next < lines.length && lines[next].isBlank()) {
                next++;
            }
            if (next < lines.length && lines[next].equals("```text")) {
                for (i = next + 1; !lines[i].equals("```"); i++) {
                    expected.add(lines[i]);
                }
            }
            examples.add(new Example(command.toString(), expected));
        }
        return examples;
    }

    private static String gatewayUrl() {
        return gateway.baseUrl().toString();
    }
}
