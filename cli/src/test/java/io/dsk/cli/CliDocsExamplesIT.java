package io.dsk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the examples of the Commands section of {@code docs/cli.md}, in order, with bash and the
 * launcher against a fresh gateway, and checks that each block prints exactly what it shows. A block
 * of lines {@code $ command} followed by their output is one example; a block that shows a Ctrl-C
 * ({@code ^C}) is not run (DskProcessIT covers it).
 */
class CliDocsExamplesIT {

    private static final Path DOC = Path.of(System.getProperty("dsk.repo.root", ".."), "docs", "cli.md");
    private static final Path LAUNCHER = Path.of(System.getProperty("dsk.cli.launcher", "bin/dsk"));
    private static final String SECTION = "## Commands";
    private static final String PROMPT = "$ ";

    private static InProcessGateway gateway;

    @BeforeAll
    static void startGateway() throws Exception {
        gateway = InProcessGateway.start();
        // The doc's orders/eu is a stream the DSK connector filled from topic orders, partition 0.
        assertThat(gateway.send(gateway.request("/v1/stream/orders/eu").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(201);
        for (String[] append : new String[][] {{"orders/0/40/44", "[{\"order\":40},{\"order\":44}]"},
            {"orders/0/45/45", "{\"order\":45}"}}) {
            assertThat(gateway.send(gateway.request("/v1/stream/orders/eu").header("Content-Type", "application/json")
                    .header("DSK-Source-Range", append[0]).POST(HttpRequest.BodyPublishers.ofString(append[1])))
                    .statusCode()).isEqualTo(204);
        }
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
    }

    @Test
    void everyExampleOfTheCliDocPrintsWhatItShows() throws Exception {
        List<List<String>> blocks = blocks(Files.readString(DOC, StandardCharsets.UTF_8));
        assertThat(blocks).as("example blocks in %s", DOC).hasSizeGreaterThanOrEqualTo(9);
        int run = 0;
        for (List<String> block : blocks) {
            if (block.contains("^C")) {
                continue;
            }
            StringBuilder script = new StringBuilder("dsk() { bash '" + LAUNCHER + "' \"$@\"; }\n");
            List<String> expected = new ArrayList<>();
            for (String line : block) {
                if (line.startsWith(PROMPT)) {
                    script.append(line.substring(PROMPT.length())).append('\n');
                } else {
                    expected.add(line);
                }
            }
            assertThat(run(script.toString())).as("output of%n%s", script).isEqualTo(expected);
            run++;
        }
        assertThat(run).isGreaterThanOrEqualTo(8);
    }

    private static List<String> run(String script) throws Exception {
        Path out = Files.createTempFile("dsk-cli-example", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true)
                    .redirectOutput(out.toFile());
            builder.environment().put(DskCommand.ENV_URL, gateway.url());
            builder.environment().remove(DskCommand.ENV_TOKEN);
            Process bash = builder.start();
            bash.getOutputStream().close();
            assertThat(bash.waitFor(120, TimeUnit.SECONDS)).as("example finished: %s", script).isTrue();
            return Files.readString(out, StandardCharsets.UTF_8).lines().toList();
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** The fenced blocks of the Commands section that hold at least one {@code $ } line. */
    private static List<List<String>> blocks(String doc) {
        int start = doc.indexOf("\n" + SECTION + "\n");
        assertThat(start).as("section %s", SECTION).isNotNegative();
        int end = doc.indexOf("\n## ", start + SECTION.length() + 2);
        List<List<String>> blocks = new ArrayList<>();
        List<String> block = null;
        for (String line : doc.substring(start, end < 0 ? doc.length() : end).split("\n", -1)) {
            if (line.startsWith("```")) {
                if (block != null && block.stream().anyMatch(l -> l.startsWith(PROMPT))) {
                    blocks.add(block);
                }
                block = block == null ? new ArrayList<>() : null;
            } else if (block != null) {
                block.add(line);
            }
        }
        return blocks;
    }
}
