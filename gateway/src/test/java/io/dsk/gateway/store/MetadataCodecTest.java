package io.dsk.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MetadataCodecTest {

    private static final StreamMetadata FORK = new StreamMetadata(7, "a/b", "text/plain", 30, "2030-01-01T00:00:00Z",
            1_893_456_000_000L, 1234, 99, true, new StreamMetadata.ProducerTuple("p", 2, 5), "0009", 3, "a/src",
            42, 2, false, 17);

    @Test
    void metadataRoundTripsWithItsForkDepth() {
        assertThat(MetadataCodec.decode(MetadataCodec.encode(FORK))).isEqualTo(FORK);
    }

    @Test
    void metadataRoundTripsWithItsEarliestPositionAndRetentionPolicy() {
        StreamMetadata retained = FORK.withEarliest(64).withRetention(new RetentionPolicy(7_000, 1 << 20));

        assertThat(MetadataCodec.decode(MetadataCodec.encode(retained))).isEqualTo(retained);
        assertThat(MetadataCodec.encode(retained)[0]).isEqualTo(MetadataCodec.CURRENT);
    }

    @Test
    void metadataWrittenBeforeRetentionWasStoredDecodesWithNothingDroppedAndNoPolicy() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(versionOne(3, "a/src", 2, false));
        bytes.write(new byte[] {0, 0, 0, 17});
        byte[] versionTwo = bytes.toByteArray();
        versionTwo[0] = MetadataCodec.VERSION_2;

        StreamMetadata decoded = MetadataCodec.decode(versionTwo);

        assertThat(decoded).isEqualTo(FORK);
        assertThat(decoded.earliest()).isZero();
        assertThat(decoded.retention()).isEqualTo(RetentionPolicy.NONE);
        assertThat(decoded.hasRetention()).isFalse();
    }

    @Test
    void metadataWrittenBeforeForkDepthsWereStoredStillDecodes() throws IOException {
        StreamMetadata fork = MetadataCodec.decode(versionOne(3, "a/src", 2, true));
        StreamMetadata root = MetadataCodec.decode(versionOne(-1, null, 0, false));

        assertThat(fork).isEqualTo(new StreamMetadata(7, "a/b", "text/plain", 30, "2030-01-01T00:00:00Z",
                1_893_456_000_000L, 1234, 99, true, new StreamMetadata.ProducerTuple("p", 2, 5), "0009", 3, "a/src",
                42, 2, true, StreamMetadata.UNKNOWN_FORK_DEPTH));
        assertThat(root.isFork()).isFalse();
        assertThat(root.forkDepth()).isZero();
        assertThat(root.forkedFrom()).isNull();
    }

    @Test
    void anUnknownVersionIsRefused() {
        byte[] bytes = MetadataCodec.encode(FORK);
        bytes[0] = 9;

        assertThatThrownBy(() -> MetadataCodec.decode(bytes)).hasMessageContaining("unknown metadata version 9");
    }

    /** The bytes a gateway wrote before fork depths were stored (version 1), spelled out field by field. */
    private static byte[] versionOne(long sourceId, String forkedFrom, int forkCount, boolean softDeleted)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeLong(7);
            string(out, "a/b");
            string(out, "text/plain");
            out.writeLong(30);
            string(out, "2030-01-01T00:00:00Z");
            out.writeLong(1_893_456_000_000L);
            out.writeLong(1234);
            out.writeLong(99);
            out.writeBoolean(true);
            out.writeBoolean(true);
            string(out, "p");
            out.writeLong(2);
            out.writeLong(5);
            string(out, "0009");
            out.writeLong(sourceId);
            string(out, forkedFrom);
            out.writeLong(42);
            out.writeInt(forkCount);
            out.writeBoolean(softDeleted);
        }
        return bytes.toByteArray();
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }
}
