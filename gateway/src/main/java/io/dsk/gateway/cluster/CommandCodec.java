package io.dsk.gateway.cluster;

import io.dsk.gateway.protocol.ProducerHeaders;
import io.dsk.gateway.protocol.SourceRange;
import io.dsk.gateway.protocol.StreamExpiry;
import io.dsk.gateway.store.RetentionPolicy;
import io.dsk.gateway.streams.AppendRequest;
import io.dsk.gateway.streams.CreateRequest;
import io.dsk.gateway.subscriptions.SubscriptionLedger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bytes of a command record: a format version, the origin (which node's request it answers),
 * the command's kind and its fields. Strings are UTF-8 with a length (-1 for null); numbers are
 * big-endian. A record of an unknown version or kind is refused, never guessed at: a node that
 * cannot read a command must stop applying rather than diverge from the others.
 */
final class CommandCodec {

    /** The format this code writes; readers accept it and every earlier one. */
    static final byte VERSION = 1;

    private static final byte CREATE = 'C';
    private static final byte APPEND = 'A';
    private static final byte DELETE = 'D';
    private static final byte TOUCH = 'T';
    private static final byte SWEEP = 'S';
    private static final byte RETAIN = 'R';
    private static final byte RECORDS = 'W';
    private static final int DIGEST_BYTES = 32;

    private CommandCodec() {
    }

    /** A decoded record: the command and the request it answers on the node that wrote it. */
    record Envelope(Origin origin, Command command) {
    }

    /** The node process ({@code incarnation}, fresh at each start) and request number that wrote a command. */
    record Origin(long incarnation, long sequence) {
    }

    static byte[] encode(Origin origin, Command command) {
        Writer w = new Writer();
        w.buffer.put(VERSION);
        w.buffer.putLong(origin.incarnation()).putLong(origin.sequence());
        if (command instanceof Command.Create c) {
            CreateRequest r = c.request();
            w.buffer.put(CREATE);
            w.string(r.path());
            w.string(r.contentType());
            w.buffer.putLong(r.expiry().ttlSeconds());
            w.string(r.expiry().expiresAt());
            w.buffer.putLong(r.expiry().expiresAtMillis());
            w.bool(r.closed());
            w.bytes(r.body());
            w.string(r.forkedFrom());
            w.string(r.forkOffset());
            w.buffer.putLong(r.forkSubOffset());
            w.buffer.putLong(r.retention().maxAgeMillis()).putLong(r.retention().maxBytes());
        } else if (command instanceof Command.Append a) {
            AppendRequest r = a.request();
            w.buffer.put(APPEND);
            w.string(r.path());
            w.string(r.contentType());
            w.bytes(r.body());
            w.bool(r.close());
            w.string(r.streamSeq());
            ProducerHeaders p = r.producer();
            w.bool(p != null);
            if (p != null) {
                w.string(p.producerId());
                w.buffer.putLong(p.epoch()).putLong(p.seq());
            }
            SourceRange s = r.sourceRange();
            w.bool(s != null);
            if (s != null) {
                w.string(s.topic());
                w.buffer.putInt(s.partition()).putLong(s.firstOffset()).putLong(s.lastOffset());
            }
        } else if (command instanceof Command.Delete d) {
            w.buffer.put(DELETE);
            w.string(d.path());
        } else if (command instanceof Command.Touch t) {
            w.buffer.put(TOUCH);
            w.string(t.path());
            w.buffer.putLong(t.streamId());
        } else if (command instanceof Command.Sweep) {
            w.buffer.put(SWEEP);
        } else if (command instanceof Command.Retain) {
            w.buffer.put(RETAIN);
        } else if (command instanceof Command.Records r) {
            w.buffer.put(RECORDS);
            w.room(4).putInt(r.writes().size());
            for (SubscriptionLedger.Write write : r.writes()) {
                w.room(1).put((byte) write.kind().ordinal());
                w.string(write.key());
                w.bool(write.expected() != null);
                if (write.expected() != null) {
                    w.room(DIGEST_BYTES).put(digest(write.expected()));
                }
                w.bool(write.value() != null);
                if (write.value() != null) {
                    w.bytes(write.value());
                }
            }
            w.room(4).putInt(r.deliver().size());
            r.deliver().forEach(w::string);
        } else {
            throw new IllegalArgumentException("unknown command " + command);
        }
        return w.bytes();
    }

    /**
     * @throws IllegalArgumentException if the bytes are not a command this version can read
     */
    static Envelope decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            byte version = in.get();
            if (version < 1 || version > VERSION) {
                throw new IllegalArgumentException("command format version " + version + " is newer than this gateway"
                        + " reads (" + VERSION + "); upgrade this node to the version the other nodes run");
            }
            Origin origin = new Origin(in.getLong(), in.getLong());
            byte kind = in.get();
            Command command = switch (kind) {
                case CREATE -> new Command.Create(new CreateRequest(string(in), string(in),
                        new StreamExpiry(in.getLong(), string(in), in.getLong()), bool(in), bytes(in),
                        string(in), string(in), in.getLong(), new RetentionPolicy(in.getLong(), in.getLong())));
                case APPEND -> {
                    String path = string(in);
                    String contentType = string(in);
                    byte[] body = bytes(in);
                    boolean close = bool(in);
                    String streamSeq = string(in);
                    ProducerHeaders producer = bool(in) ? new ProducerHeaders(string(in), in.getLong(), in.getLong()) : null;
                    SourceRange range = bool(in)
                            ? new SourceRange(string(in), in.getInt(), in.getLong(), in.getLong()) : null;
                    yield new Command.Append(new AppendRequest(path, contentType, body, close, streamSeq, producer, range));
                }
                case DELETE -> new Command.Delete(string(in));
                case TOUCH -> new Command.Touch(string(in), in.getLong());
                case SWEEP -> new Command.Sweep();
                case RETAIN -> new Command.Retain();
                case RECORDS -> records(in);
                default -> throw new IllegalArgumentException("unknown command kind " + kind);
            };
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " unexpected byte(s) after a command");
            }
            return new Envelope(origin, command);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("a command record ends early", e);
        }
    }

    /**
     * A decoded conditional write holds the SHA-256 of the bytes its writer read, not the bytes:
     * compare it with {@link #holds}.
     */
    private static Command.Records records(ByteBuffer in) {
        int count = count(in);
        List<SubscriptionLedger.Write> writes = new ArrayList<>(count);
        SubscriptionLedger.Kind[] kinds = SubscriptionLedger.Kind.values();
        for (int i = 0; i < count; i++) {
            int kind = in.get();
            if (kind < 0 || kind >= kinds.length) {
                throw new IllegalArgumentException("unknown record kind " + kind);
            }
            String key = string(in);
            byte[] expected = null;
            if (bool(in)) {
                expected = new byte[DIGEST_BYTES];
                in.get(expected);
            }
            byte[] value = bool(in) ? bytes(in) : null;
            writes.add(new SubscriptionLedger.Write(kinds[kind], key, expected, value));
        }
        int delivers = count(in);
        List<String> deliver = new ArrayList<>(delivers);
        for (int i = 0; i < delivers; i++) {
            deliver.add(string(in));
        }
        return new Command.Records(writes, deliver);
    }

    /** True if a decoded write's expectation matches what the record holds now (null: absent). */
    static boolean holds(SubscriptionLedger.Write decoded, byte[] current) {
        if (decoded.expected() == null || current == null) {
            return decoded.expected() == null && current == null;
        }
        return Arrays.equals(decoded.expected(), digest(current));
    }

    private static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static int count(ByteBuffer in) {
        int count = in.getInt();
        if (count < 0 || count > in.remaining()) {
            throw new IllegalArgumentException("a command's count " + count + " is beyond the record");
        }
        return count;
    }

    private static String string(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0) {
            return null;
        }
        byte[] utf8 = new byte[length];
        in.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("a command's body length " + length + " is beyond the record");
        }
        byte[] b = new byte[length];
        in.get(b);
        return b;
    }

    private static boolean bool(ByteBuffer in) {
        byte b = in.get();
        if (b != 0 && b != 1) {
            throw new IllegalArgumentException("a command's flag is " + b + ", not 0 or 1");
        }
        return b == 1;
    }

    /**
     * A growing big-endian buffer. It keeps 64 bytes to spare after every variable-length write,
     * room enough for the fixed-size fields written straight to {@link #buffer} between two of them.
     */
    private static final class Writer {
        private ByteBuffer buffer = ByteBuffer.allocate(256);

        void string(String s) {
            if (s == null) {
                room(4).putInt(-1);
                return;
            }
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            room(4 + utf8.length).putInt(utf8.length).put(utf8);
        }

        void bytes(byte[] b) {
            room(4 + b.length).putInt(b.length).put(b);
        }

        void bool(boolean b) {
            room(1).put((byte) (b ? 1 : 0));
        }

        ByteBuffer room(int n) {
            if (buffer.remaining() < n + 64) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + n + 256));
                buffer.flip();
                bigger.put(buffer);
                buffer = bigger;
            }
            return buffer;
        }

        byte[] bytes() {
            byte[] out = new byte[buffer.position()];
            buffer.flip().get(out);
            return out;
        }
    }
}
