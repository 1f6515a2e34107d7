package io.dsk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AppendCommandTest {

    private static List<String> batches(String input) {
        return AppendCommand.jsonBatches(input.getBytes(StandardCharsets.UTF_8)).stream()
                .map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void jsonLinesBecomeOneArrayWhoseElementsAreTheLinesSoAnArrayLineStaysOneMessage() {
        assertThat(batches("{\"a\":1}\r\n\n  [1,2]  \n\"x\"\n")).containsExactly("[{\"a\":1},[1,2],\"x\"]");
    }

    @Test
    void aLineThatIsNotExactlyOneJsonValueIsRefusedWithItsLineNumber() {
        assertThatThrownBy(() -> batches("{\"a\":1}\n1,2\n")).isInstanceOf(CommandFailure.class)
                .hasMessageStartingWith("line 2 is not one JSON value");
        assertThatThrownBy(() -> batches("{\"a\":")).isInstanceOf(CommandFailure.class)
                .hasMessageStartingWith("line 1 is not one JSON value");
    }

    @Test
    void blankInputMakesNoBatch() {
        assertThat(batches("\n  \n")).isEmpty();
    }

    @Test
    void batchesStayUnderTheirSizeAndKeepTheLinesInOrder() {
        String line = "\"" + "x".repeat(400 * 1024) + "\"";
        List<String> batches = batches(line + "\n" + line + "\n" + line + "\n");
        assertThat(batches).hasSize(2);
        assertThat(batches.get(0)).hasSizeLessThanOrEqualTo(AppendCommand.JSON_LINES_BATCH_BYTES)
                .isEqualTo("[" + line + "," + line + "]");
        assertThat(batches.get(1)).isEqualTo("[" + line + "]");
    }
}
