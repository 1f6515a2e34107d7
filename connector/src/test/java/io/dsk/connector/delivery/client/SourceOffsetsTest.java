package io.dsk.connector.delivery.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SourceOffsetsTest {

    private static byte[] body(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theWatermarkOfTheAskedPartitionIsFound() {
        byte[] body = body("{\"path\":\"a\",\"watermarks\":[{\"topic\":\"t\",\"partition\":0,\"offset\":4},"
                + "{\"topic\":\"t\",\"partition\":1,\"offset\":9},{\"topic\":\"u\",\"partition\":1,\"offset\":2}]}");

        assertThat(SourceOffsets.watermark(body, "t", 1)).hasValue(9);
        assertThat(SourceOffsets.watermark(body, "u", 1)).hasValue(2);
        assertThat(SourceOffsets.watermark(body, "u", 0)).isEmpty();
    }

    @Test
    void anythingElseMeansNoWatermark() {
        assertThat(SourceOffsets.watermark(body("not json"), "t", 0)).isEmpty();
        assertThat(SourceOffsets.watermark(body("{\"watermarks\":[{\"topic\":\"t\",\"partition\":0,\"offset\":\"x\"}]}"),
                "t", 0)).isEmpty();
        assertThat(SourceOffsets.watermark(body("{}"), "t", 0)).isEmpty();
    }
}
