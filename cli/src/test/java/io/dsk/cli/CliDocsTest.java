package io.dsk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** docs/cli.md describes every command and every option the command line has. */
class CliDocsTest {

    private static final Path DOC = Path.of("..", "docs", "cli.md");

    @Test
    void everyCommandAndOptionIsDocumented() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        Terminal terminal = new Terminal(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), Map.of());
        CommandLine dsk = new CommandLine(new DskCommand(terminal));
        for (OptionSpec option : dsk.getCommandSpec().options()) {
            assertThat(doc).as("global option %s", option.longestName()).contains("`" + option.longestName());
        }
        for (Map.Entry<String, CommandLine> command : dsk.getSubcommands().entrySet()) {
            if (command.getKey().equals("help")) {
                continue;
            }
            String heading = "### `dsk " + command.getKey();
            assertThat(doc).as("a section for dsk %s", command.getKey()).contains(heading);
            int start = doc.indexOf(heading);
            int end = doc.indexOf("\n### ", start + heading.length());
            String section = doc.substring(start, end < 0 ? doc.indexOf("\n## ", start) : end);
            for (OptionSpec option : command.getValue().getCommandSpec().options()) {
                if (option.inherited() || option.usageHelp() || option.versionHelp()) {
                    continue;
                }
                assertThat(section).as("dsk %s %s", command.getKey(), option.longestName())
                        .contains("`" + option.longestName());
            }
        }
    }
}
