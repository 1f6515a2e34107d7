package io.dsk.gateway.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Binary encoding of {@link StreamMetadata} and {@link ProducerState}, versioned by a leading byte.
 * Metadata is written in the newest version and read in every version ever written, so a data
 * directory of an older gateway opens unchanged: version 1 lacks the fork depth (read as 0 for a
 * root stream, {@link StreamMetadata#UNKNOWN_FORK_DEPTH} for a fork); version 2 appends it; version 3
 * appends the earliest retained position and the retention policy (read as 0 and none from older versions).
 * Version 4 has version 3's layout and says that the stored tail is a lower bound (the stream's
 * tail is the end of its last data entry when that is further, see {@link StreamStore}). A gateway
 * that reads at most version 3 trusts the stored tail and would write over newer data, so it must
 * not read such a record: it refuses it as an unknown version. {@link StreamStore} rewrites older
 * records in version 4 when it opens, before its first append.
 */
final class MetadataCodec {

    /** The first version: no fork depth. */
    static final byte VERSION_1 = 1;
    /** Version 1 followed by the fork depth. */
    static final byte VERSION_2 = 2;
    /** Version 2 followed by the earliest retained position and the retention policy. */
    static final byte VERSION_3 = 3;
    /** The current version: version 3's layout, with a tail that is only a lower bound. */
    static final byte VERSION_4 = 4;
    /** The version {@link #encode(StreamMetadata)} writes. */
    static final byte CURRENT = VERSION_4;

    private MetadataCodec() {
    }

    static byte[] encode(StreamMetadata m) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(CURRENT);
            out.writeLong(m.id());
            writeString(out, m.path());
            writeString(out, m.contentType());
            out.writeLong(m.ttlSeconds());
            writeString(out, m.expiresAt());
            out.writeLong(m.expiresAtMillis());
            out.writeLong(m.lastAccessMillis());
            out.writeLong(m.tail());
            out.writeBoolean(m.closed());
            out.writeBoolean(m.closedBy() != null);
            if (m.closedBy() != null) {
                writeString(out, m.closedBy().producerId());
                out.writeLong(m.closedBy().epoch());
                out.writeLong(m.closedBy().seq());
            }
            writeString(out, m.lastStreamSeq());
            out.writeLong(m.sourceId());
            writeString(out, m.forkedFrom());
            out.writeLong(m.forkPosition());
            out.writeInt(m.forkCount());
            out.writeBoolean(m.softDeleted());
            out.writeInt(m.forkDepth());
            out.writeLong(m.earliest());
            out.writeLong(m.retention().maxAgeMillis());
            out.writeLong(m.retention().maxBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static StreamMetadata decode(byte[] value) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
            byte version = in.readByte();
            if (version < VERSION_1 || version > VERSION_4) {
                throw new IllegalStateException("unknown metadata version " + version);
            }
            long id = in.readLong();
            String path = readString(in);
            String contentType = readString(in);
            long ttl = in.readLong();
            String expiresAt = readString(in);
            long expiresAtMillis = in.readLong();
            long lastAccess = in.readLong();
            long tail = in.readLong();
            boolean closed = in.readBoolean();
            StreamMetadata.ProducerTuple closedBy = in.readBoolean()
                    ? new StreamMetadata.ProducerTuple(readString(in), in.readLong(), in.readLong())
                    : null;
            String lastSeq = readString(in);
            long sourceId = in.readLong();
            String forkedFrom = readString(in);
            long forkPosition = in.readLong();
            int forkCount = in.readInt();
            boolean softDeleted = in.readBoolean();
            if (version == VERSION_1) {
                return new StreamMetadata(id, path, contentType, ttl, expiresAt, expiresAtMillis, lastAccess, tail,
                        closed, closedBy, lastSeq, sourceId, forkedFrom, forkPosition, forkCount, softDeleted);
            }
            int forkDepth = in.readInt();
            if (version == VERSION_2) {
                return new StreamMetadata(id, path, contentType, ttl, expiresAt, expiresAtMillis, lastAccess, tail,
                        closed, closedBy, lastSeq, sourceId, forkedFrom, forkPosition, forkCount, softDeleted, forkDepth);
            }
            long earliest = in.readLong();
            RetentionPolicy retention = new RetentionPolicy(in.readLong(), in.readLong());
            return new StreamMetadata(id, path, contentType, ttl, expiresAt, expiresAtMillis, lastAccess, tail,
                    closed, closedBy, lastSeq, sourceId, forkedFrom, forkPosition, forkCount, softDeleted, forkDepth,
                    earliest, retention);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] encode(ProducerState state) {
        return ByteBuffer.allocate(16).putLong(state.epoch()).putLong(state.lastSeq()).array();
    }

    static ProducerState decodeProducer(byte[] value) {
        ByteBuffer b = ByteBuffer.wrap(value);
        return new ProducerState(b.getLong(), b.getLong());
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] utf8 = in.readNBytes(length);
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
