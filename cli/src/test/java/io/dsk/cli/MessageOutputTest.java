package io.dsk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessageOutputTest {

    private static InputStream body(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void eachJsonMessageIsOneCompactLineWithItsNumbersExactlyAsSent() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MessageOutput.Written written = new MessageOutput(out, false).writeJsonMessages(
                body("[ {\"a\" : 1.50, \"big\": 12345678901234567890123},\n [1, 2], \"text\\n\", 1e400, null ]"),
                Long.MAX_VALUE);
        assertThat(written).isEqualTo(new MessageOutput.Written(5, false));
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
                "{\"a\":1.50,\"big\":12345678901234567890123}\n[1,2]\n\"text\\n\"\n1e400\nnull\n");
    }

    @Test
    void prettyPrintingIndentsEachMessageOverSeveralLines() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new MessageOutput(out, true).writeJsonMessages(body("[{\"user\":\"ada\",\"tags\":[1,2]},3]"), Long.MAX_VALUE);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
                "{\n  \"user\": \"ada\",\n  \"tags\": [\n    1,\n    2\n  ]\n}\n3\n");
    }

    @Test
    void aLimitStopsBeforeTheNextMessageAndSaysMessagesWereLeft() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MessageOutput.Written written = new MessageOutput(out, false).writeJsonMessages(body("[1,2,3]"), 2);
        assertThat(written).isEqualTo(new MessageOutput.Written(2, true));
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("1\n2\n");
    }

    @Test
    void anEmptyArrayWritesNothing() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(new MessageOutput(out, false).writeJsonMessages(body("[]"), Long.MAX_VALUE))
                .isEqualTo(new MessageOutput.Written(0, false));
        assertThat(out.size()).isZero();
    }

    @Test
    void anAnswerThatIsNoJsonArrayIsAFailureNotAStackTrace() {
        MessageOutput output = new MessageOutput(new ByteArrayOutputStream(), false);
        assertThatThrownBy(() -> output.writeJsonMessages(body("{\"a\":1}"), Long.MAX_VALUE))
                .isInstanceOf(CommandFailure.class).hasMessageContaining("not a JSON array");
        assertThatThrownBy(() -> output.writeJsonMessages(body("[1,"), Long.MAX_VALUE))
                .isInstanceOf(CommandFailure.class);
    }

    @Test
    void bytesAreCopiedAsTheyAreUpToTheLimit() {
        byte[] data = {0, (byte) 0xFF, 'a', '\n', 7};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(new MessageOutput(out, false).writeBytes(new ByteArrayInputStream(data), Long.MAX_VALUE))
                .isEqualTo(new MessageOutput.Written(5, false));
        assertThat(out.toByteArray()).isEqualTo(data);

        ByteArrayOutputStream cut = new ByteArrayOutputStream();
        assertThat(new MessageOutput(cut, false).writeBytes(new ByteArrayInputStream(data), 3))
                .isEqualTo(new MessageOutput.Written(3, true));
        assertThat(cut.toByteArray()).containsExactly(0, 0xFF, 'a');
    }

    @Test
    void aClosedStandardOutputStopsTheCommandQuietly() {
        OutputStream closed = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        assertThatThrownBy(() -> new MessageOutput(closed, false).writeJsonMessages(body("[1]"), Long.MAX_VALUE))
                .isInstanceOf(MessageOutput.Closed.class);
        assertThatThrownBy(() -> new MessageOutput(closed, false).writeBytes(body("abc"), Long.MAX_VALUE))
                .isInstanceOf(MessageOutput.Closed.class);
    }

    @Test
    void jsonIsRecognisedByItsMediaTypeWithOrWithoutParameters() {
        assertThat(MessageOutput.isJson("application/json")).isTrue();
        assertThat(MessageOutput.isJson("Application/JSON; charset=utf-8")).isTrue();
        assertThat(MessageOutput.isJson("application/jsonl")).isFalse();
        assertThat(MessageOutput.isJson("text/plain")).isFalse();
    }
}
